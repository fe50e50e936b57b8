"""HTML pages of the referrals domain."""
from flask import Blueprint

bp = Blueprint("referrals", __name__)
