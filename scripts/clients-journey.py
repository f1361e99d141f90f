"""Run by scripts/clients in its venv, with the package openapi-python-client generated on PYTHONPATH:
uses only that package to drive a live server, as an integrator's form would. The bodies are the
spec's own request examples. Exits non-zero at the first answer that is not the documented one.

Usage: KVALITET_URL=... KVALITET_TOKEN=... python clients-journey.py OPENAPI.json FAMILY...
(the JSON is openapi.yaml as scripts/clients reads it: the venv needs no YAML parser)"""
import importlib, inspect, json, os, pkgutil, re, sys

import kvalitet_client
import kvalitet_client.models as models
from kvalitet_client import AuthenticatedClient

MODULES = {m.name.rsplit(".", 1)[-1]: m.name for m in pkgutil.walk_packages(kvalitet_client.__path__, "kvalitet_client.")}


def operation(operation_id):
    """The generated module for an operationId (`createAvvikelse` -> `...api.avvikelser.create_avvikelse`)."""
    return importlib.import_module(MODULES[re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()])


def call(operation_id, want, **kwargs):
    module = operation(operation_id)
    names = inspect.signature(module.sync_detailed).parameters
    if "if_match" in kwargs and "if_match" not in names:
        raise SystemExit(f"{operation_id}: the generated function has no if_match parameter: {list(names)}")
    response = module.sync_detailed(client=CLIENT, **kwargs)
    if response.status_code != want:
        raise SystemExit(f"{operation_id} answered {response.status_code}, not {want}: {response.content[:500]!r}")
    return response.parsed


def model(schema_ref, body):
    return getattr(models, schema_ref.rsplit("/", 1)[-1]).from_dict(body)


def request_body(spec_operation):
    (media, content), = spec_operation["requestBody"]["content"].items()
    return content["schema"]["$ref"], content["example"]


def journey(spec, family):
    base = spec["paths"][f"/api/v1/{family}"]
    item = spec["paths"][f"/api/v1/{family}/{{id}}"]
    transitions = spec["paths"][f"/api/v1/{family}/{{id}}/transitions"]["post"]
    schema, body = request_body(base["post"])
    created = call(base["post"]["operationId"], 201, body=model(schema, body))
    record_id = created.id
    read = call(item["get"]["operationId"], 200, id=record_id)
    assert read.title == body["title"] and read.version == 1, (read.title, read.version)
    schema, patch = request_body(item["patch"])
    patched = call(item["patch"]["operationId"], 200, id=record_id, body=model(schema, patch), if_match='"1"')
    assert patched.version == 2, patched.version
    schema, step = request_body(transitions)
    moved = call(transitions["operationId"], 200, id=record_id, body=model(schema, step), if_match='"2"')
    assert str(moved.status) == step["to"] and moved.version == 3, (moved.status, moved.version)
    listed = call(base["get"]["operationId"], 200)
    assert record_id in [entry.id for entry in listed.items], record_id
    print(f"{family}: {record_id} created, read, patched, moved to {step['to']}, listed")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    units = spec["paths"]["/api/v1/verksamheter/{id}"]["put"]
    schema = units["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    for unit_id, body in [("ifo", {"name": "Individ- och familjeomsorg", "level": "forvaltning", "area": "Barn och unga"}),
                          ("ifo-utredning", {"name": "Utredning barn", "level": "avdelning", "parentId": "ifo"})]:
        call(units["operationId"], 201, id=unit_id, body=model(schema, body))
    print("units ifo, ifo-utredning put")
    for family in sys.argv[2:]:
        journey(spec, family)
    report = spec["paths"]["/api/v1/kvalitetsberattelse/{year}"]["get"]
    figures = call(report["operationId"], 200, year=2025)
    assert figures.year == 2025, figures.year
    print(f"kvalitetsberattelse 2025 read: {type(figures).__name__}")


CLIENT = AuthenticatedClient(base_url=os.environ["KVALITET_URL"], token=os.environ["KVALITET_TOKEN"],
                             raise_on_unexpected_status=True)

if __name__ == "__main__":
    main()
