from flask import has_request_context
def test_fix(app, runner):
    cfg = app.extensions["babel"]
    real = cfg.locale_selector
    cfg.locale_selector = lambda: real() if has_request_context() else "nl"
    result = runner.invoke(args=["create-admin", "x@tandem.brussels", "--password", "short"])
    print(repr(result.output), result.exit_code)
    assert "password" in result.output
