"""HTML pages of the reports domain."""
from flask import Blueprint

bp = Blueprint("reports", __name__)
