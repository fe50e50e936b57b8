"""HTML pages of the events domain."""
from flask import Blueprint

bp = Blueprint("events", __name__)
