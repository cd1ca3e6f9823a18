"""Signing in through the login form, as every browser test does."""

from tests.people import PASSWORD


def login(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
