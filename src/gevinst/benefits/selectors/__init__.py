"""Every read of benefits realisation that a view, the API or a report needs."""
