def test_clinic_api_returns_contact_details(client, clinic_site):
    response = client.get("/api/v1/clinic")
    assert response.status_code == 200
    data = response.json()
    assert data["phone"] == "+14165550142"
    assert data["phone_display"] == "(416) 555-0142"
    assert {"day": "Friday", "opens": "09:00", "closes": "17:00"} in data["opening_hours"]


def test_openapi_schema_is_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/clinic" in schema["paths"]
