from flask import Blueprint

bp = Blueprint("houses", __name__, url_prefix="/<lang>/three-houses", template_folder="templates")
