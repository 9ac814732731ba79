"""The access log never holds the secret of a survey link."""

from types import SimpleNamespace

from gunicorn.config import Config

from gevinst.core.serverlog import AccessLogger


def test_the_access_log_masks_survey_links():
    logger = AccessLogger(Config())
    request = SimpleNamespace(method="POST", path="/survey/Abc_123-secret/", query="",
                              version=(1, 1), headers=[("REFERER",
                                                        "http://x/survey/Abc_123-secret/")],
                              uri="/survey/Abc_123-secret/")
    response = SimpleNamespace(status="200 OK", sent=10, headers=[], response_length=10)
    environ = {"REQUEST_METHOD": "POST", "RAW_URI": "/survey/Abc_123-secret/",
               "PATH_INFO": "/survey/Abc_123-secret/", "QUERY_STRING": "",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": "http://x/survey/Abc_123-secret/"}
    atoms = logger.atoms(response, request, environ, SimpleNamespace(
        seconds=0, microseconds=1000, total_seconds=lambda: 0.001))
    line = logger.cfg.access_log_format % atoms
    assert "Abc_123-secret" not in line and "/survey/-/" in line
    assert "/survey/-/" in atoms["U"]


def test_django_s_request_log_masks_survey_links():
    import logging

    from gevinst.core.serverlog import MaskSecrets

    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Bad Request: %s", ("/survey/Abc_123-secret/",), None)
    assert MaskSecrets().filter(record)
    assert record.getMessage() == "Bad Request: /survey/-/"
