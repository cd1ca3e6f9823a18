app_name = "staffing"
urlpatterns: list = []
