"""Every read of objectives and KPIs that a view, the API or an export needs."""
