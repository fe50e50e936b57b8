"""The baseline: a bare Flask application, served exactly as the portal is (same gunicorn
configuration, same workers), so that a page's throughput can be read as a ratio to it."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
