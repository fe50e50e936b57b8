"""The events domain's blueprint, shared by its two page modules (views.py for everyone,
views_organise.py for organisers) so that neither imports the other."""
from flask import Blueprint

bp = Blueprint("events", __name__)
