"""Belgian enterprise numbers (KBO/BCE): normalise, then check the mod-97 check digits."""
import re


def normalise(raw):
    """Strip spaces, dots, dashes and a leading BE; prefix a 0 to an old 9-digit number."""
    text = re.sub(r"[\s.\-/]", "", raw or "").upper()
    if text.startswith("BE"):
        text = text[2:]
    if len(text) == 9 and text.isdigit():
        text = "0" + text
    return text


def is_valid(raw):
    number = normalise(raw)
    if len(number) != 10 or not (number.isascii() and number.isdigit()) or number[0] not in "01":
        return False
    return int(number[8:]) == 97 - int(number[:8]) % 97


def formatted(number):
    """0403.019.261 — how people write it."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number
