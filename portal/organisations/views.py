"""HTML pages of the organisations domain."""
from flask import Blueprint

bp = Blueprint("organisations", __name__)
