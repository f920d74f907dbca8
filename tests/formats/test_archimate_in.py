"""ArchiMate models in: The Open Group exchange format and Archi's own file, mapped as docs/archimate.md says."""

from __future__ import annotations

import time
from collections import Counter

from fastapi.testclient import TestClient

from tests.formats.helpers import ARCHISURANCE, SAMPLE
from tests.model.helpers import as_sets, export, small_model

XML = {"Content-Type": "application/xml"}
NS = 'xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


def _exchange(elements: str, relationships: str = "", extra: str = "") -> bytes:
    relations = f"<relationships>{relationships}</relationships>" if relationships else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><model {NS} identifier="m"><name>t</name>'
            f"<elements>{elements}</elements>{relations}{extra}</model>").encode()


def test_an_exchange_file_from_archi_imports(client: TestClient) -> None:
    report = client.post("/api/v1/model?format=archimate", content=SAMPLE.read_bytes(), headers=XML)
    assert report.status_code == 200, report.text
    assert report.json()["elements"]["created"] == 2 and report.json()["skipped"] == []
    role = client.get("/api/v1/elements/id-37d5bc4b").json()
    assert role["type"] == "Organization" and role["name"] == "Sales Person"
    assert role["description"] == "A description of a sales person"
    relations = client.get("/api/v1/elements/id-89c22226").json()["relations"]
    assert {(r["from"], r["type"], r["to"]) for r in relations} == {("id-89c22226", "PROVIDED_BY", "id-37d5bc4b")}


def test_the_format_follows_the_content_type(client: TestClient) -> None:
    assert client.post("/api/v1/model", content=SAMPLE.read_bytes(), headers=XML).status_code == 200
    refused = client.post("/api/v1/model?format=archimate", json=small_model())
    assert refused.status_code == 415 and "application/xml" in refused.json()["error"]["message"]


def test_mapping_turns_relationships_to_sigraph_direction_and_says_what_it_skipped(client: TestClient) -> None:
    kinds = (("svc", "BusinessService"), ("proc", "BusinessProcess"), ("app", "ApplicationService"),
             ("comp", "ApplicationComponent"), ("prod", "Product"), ("actor", "BusinessActor"),
             ("data", "DataObject"), ("goal", "Goal"), ("req", "Requirement"))
    elements = "".join(f'<element identifier="{i}" xsi:type="{t}"><name xml:lang="en">{i}</name></element>'
                       for i, t in kinds)
    relationships = "".join(
        f'<relationship identifier="{i}" source="{s}" target="{t}" xsi:type="{k}"/>'
        for i, s, t, k in (
            ("r1", "proc", "svc", "Realization"),  # svc DELIVERED_THROUGH proc
            ("r2", "app", "proc", "Serving"),  # proc needs app: stands in through what realizes app
            ("r3", "comp", "app", "Realization"),  # app RUNS_ON comp
            ("r4", "prod", "svc", "Composition"),  # prod INCLUDES svc
            ("r5", "actor", "proc", "Assignment"),  # proc PROVIDED_BY actor
            ("r6", "proc", "data", "Access"),  # proc USES data
            ("r7", "comp", "req", "Realization"),  # comp SATISFIES req
            ("r8", "actor", "goal", "Association"),  # skipped: goal is not imported
            ("r9", "svc", "actor", "Association")))  # skipped: no direction
    report = client.post("/api/v1/model?format=archimate", content=_exchange(elements, relationships), headers=XML)
    assert report.status_code == 200, report.text
    skipped = {s["id"]: s for s in report.json()["skipped"]}
    assert set(skipped) == {"goal", "r8", "r9"}
    assert skipped["goal"] == {"kind": "element", "id": "goal", "type": "Goal", "name": "goal",
                               "reason": "no sigraph type for Goal"}
    assert "association" in skipped["r9"]["reason"] and "goal" in skipped["r8"]["reason"]
    relations = {(r["from"], r["type"], r["to"]) for r in export(client)["relations"]}
    assert relations == {("svc", "DELIVERED_THROUGH", "proc"), ("proc", "RUNS_ON", "comp"),
                         ("app", "RUNS_ON", "comp"), ("prod", "INCLUDES", "svc"), ("proc", "PROVIDED_BY", "actor"),
                         ("proc", "USES", "data"), ("comp", "SATISFIES", "req")}
    stand_in = next(r for r in export(client)["relations"] if (r["from"], r["to"]) == ("proc", "comp"))
    assert stand_in["via"] == "app"  # the process runs on what realizes the application service


def test_names_documentation_and_properties_carry_over(client: TestClient) -> None:
    definitions = ('<propertyDefinitions>'
                   '<propertyDefinition identifier="p1" type="number"><name>service_level</name></propertyDefinition>'
                   '<propertyDefinition identifier="p2" type="string"><name>Cost centre</name></propertyDefinition>'
                   '<propertyDefinition identifier="p3" type="number"><name>seats</name></propertyDefinition>'
                   '<propertyDefinition identifier="p4" type="string"><name>lifecycle</name></propertyDefinition>'
                   '<propertyDefinition identifier="p5" type="string"><name>availability</name></propertyDefinition>'
                   '</propertyDefinitions>')
    element = ('<element identifier="svc" xsi:type="BusinessService">'
               '<name xml:lang="de">Kundendienst</name><name xml:lang="en">Customer service</name>'
               '<documentation xml:lang="en">Answers the phone</documentation>'
               '<properties>'
               '<property propertyDefinitionRef="p1"><value>3</value></property>'
               '<property propertyDefinitionRef="p2"><value>CC-17</value></property>'
               '<property propertyDefinitionRef="p3"><value>40</value></property>'
               '<property propertyDefinitionRef="p4"><value>pipeline</value></property>'
               '<property propertyDefinitionRef="p5"><value>high</value></property>'
               '</properties></element>')
    assert client.post("/api/v1/model?format=archimate", content=_exchange(element, extra=definitions),
                       headers=XML).status_code == 200
    svc = client.get("/api/v1/elements/svc").json()
    assert svc["name"] == "Customer service" and svc["description"] == "Answers the phone"
    assert svc["service_level"] == 3 and svc["lifecycle"] == "pipeline"
    # unknown keys, and a known key whose value sigraph would refuse, become attributes
    assert svc["attributes"] == {"Cost_centre": "CC-17", "seats": 40, "availability": "high"}
    assert "availability" not in {k for k in svc if k != "attributes"}


def test_bad_xml_is_refused_with_where_and_changes_nothing(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    before = as_sets(export(client))
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i else b"&lol;" * 10)
                         for i in range(1, 10))
              + b']><model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">&lol9;</model>')
    external = (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">&x;</model>')
    cases = {
        "not well-formed": (b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"><elements>', "line 1"),
        "entities": (laughs, "DTD"),
        "external entity": (external, "DTD"),
        "not an exchange file": (b"<html><body/></html>", "not an ArchiMate 3.x exchange file"),
        "an encoding Python has not": (b'<?xml version="1.0" encoding="EBCDIC-XX"?>'
                                       b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"/>', "encoding"),
        "dangling relationship target": (_exchange(
            '<element identifier="a" xsi:type="Node"><name>a</name></element>'
            '<element identifier="b" xsi:type="Node"><name>b</name></element>',
            '<relationship identifier="r" source="a" target="b" xsi:type="Serving"/>'
            '<relationship identifier="r2" source="a" target="b" xsi:type="Serving"/>'
            '<relationship identifier="r3" source="b" target="a" xsi:type="Composition"/>'),
            None),
    }
    for what, (body, says) in cases.items():
        started = time.monotonic()
        response = client.post("/api/v1/model?format=archimate&mode=replace", content=body, headers=XML)
        assert time.monotonic() - started < 10, what  # expanded entities would take far longer (a hang bound)
        if says is None:  # valid XML whose relationships sigraph keeps as far as they map
            assert response.status_code == 200, (what, response.text)
            client.post("/api/v1/model?mode=replace", json=small_model())
            continue
        assert response.status_code == 422, (what, response.text)
        assert says in response.json()["error"]["message"], (what, response.text)
        assert as_sets(export(client)) == before, what


def test_archisurance_from_archi_imports_and_its_services_reach_their_technology(client: TestClient) -> None:
    report = client.post("/api/v1/model?format=archi", content=ARCHISURANCE.read_bytes(), headers=XML)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["elements"]["created"] >= 100 and body["relations"]["created"] >= 80
    assert Counter(s["reason"] for s in body["skipped"])["no sigraph type for Goal"] == 0  # Archisurance has none
    elements = {e["id"]: e for e in export(client)["elements"]}
    business = [i for i, e in elements.items() if e["type"] == "Service" and "Claim Registration" in e["name"]]
    assert business, "Archisurance's Claim Registration Service"
    reached = client.get(f"/api/v1/elements/{business[0]}/dependencies").json()["nodes"]
    systems = {n["name"] for n in reached if n["type"] == "System"}
    assert systems, "the business service reaches the systems it runs on"
    assert client.get(f"/api/v1/elements/{business[0]}/single-points-of-failure").status_code == 200
    assert client.get(f"/api/v1/elements/{business[0]}/weakest-link?metric=availability").status_code == 200


def test_sigraph_properties_of_the_wrong_shape_are_refused_not_a_server_error(client: TestClient) -> None:
    names = {"p1": "sigraph.type", "p2": "sigraph.attributes", "p3": "note"}
    definitions = "".join(f'<propertyDefinition identifier="{ref}" type="string"><name>{name}</name>'
                          f"</propertyDefinition>" for ref, name in names.items())
    definitions = f"<propertyDefinitions>{definitions}</propertyDefinitions>"
    element = ('<element identifier="svc" xsi:type="BusinessService"><name>S</name><properties>'
               '<property propertyDefinitionRef="p1"><value>[1]</value></property>'
               '<property propertyDefinitionRef="p2"><value>5</value></property>'
               '<property propertyDefinitionRef="p3"><value>kept as an attribute</value></property>'
               '</properties></element>')
    response = client.post("/api/v1/model?format=archimate", content=_exchange(element, extra=definitions),
                           headers=XML)
    assert response.status_code == 422, response.text
    assert any(d["field"] == "attributes" for d in response.json()["error"]["details"]), response.text
