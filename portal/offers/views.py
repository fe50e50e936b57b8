"""HTML pages of the offers domain."""
from flask import Blueprint

bp = Blueprint("offers", __name__)
