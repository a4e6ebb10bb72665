"""Test result files: NUnit 2.5 XML (what `Invoke-Pester -CI` writes to testResults.xml), in the layout of
Pester's TestResults.NUnit25.ps1: run > container > block suites > test cases."""
from __future__ import annotations

import datetime
import os
import platform
import socket

from pslark.runtime.cmdlets.pester.model import Block, Container, Run, Test

_RESULTS = {"Passed": ("Success", "True", "True"), "Failed": ("Failure", "False", "True"),
            "Skipped": ("Ignored", "True", "False"), "Inconclusive": ("Inconclusive", "True", "False"),
            "NotRun": ("Ignored", "True", "False")}


def _secs(td: datetime.timedelta) -> str:
    return f"{td.total_seconds():.4f}".rstrip("0").rstrip(".") or "0"


def _suite_result(tests: list[Test], failed: bool) -> tuple[str, str]:
    if failed or any(t.result == "Failed" for t in tests):
        return "Failure", "False"
    if tests and all(t.result in ("Skipped", "NotRun") for t in tests):
        return "Ignored", "True"
    return "Success", "True"


def write_nunit(run: Run, path: str) -> None:
    import xml.etree.ElementTree as ET
    tests = run.tests()
    now = run.executed_at or datetime.datetime.now()
    root = ET.Element("test-results", {
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:noNamespaceSchemaLocation": "nunit_schema_2.5.xsd", "name": "Pester",
        "total": str(len(tests)), "errors": "0", "failures": str(run.failed_count),
        "not-run": str(len(run.with_result("NotRun"))), "inconclusive": str(len(run.with_result("Inconclusive"))),
        "ignored": "0", "skipped": str(len(run.with_result("Skipped"))), "invalid": "0",
        "date": now.strftime("%Y-%m-%d"), "time": now.strftime("%H:%M:%S")})
    ET.SubElement(root, "environment", {
        "nunit-version": "2.5.8.0", "platform": platform.system(), "os-version": platform.release(),
        "clr-version": "Unknown", "machine-name": socket.gethostname(), "cwd": os.getcwd(),
        "user": os.environ.get("USER", ""), "user-domain": ""})
    ET.SubElement(root, "culture-info", {"current-culture": "en-US", "current-uiculture": "en-US"})
    result, success = _suite_result(tests, run.total_failed > 0)
    top = ET.SubElement(root, "test-suite", {
        "type": "TestFixture", "name": "Pester", "executed": "True", "result": result, "success": success,
        "time": _secs(run.duration), "asserts": "0", "description": "Pester"})
    results = ET.SubElement(top, "results")
    for container in run.containers:
        _container(results, container)
    tree = ET.ElementTree(root)
    with open(path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)


def _container(parent, container: Container) -> None:
    import xml.etree.ElementTree as ET
    tests = container.all_tests()
    result, success = _suite_result(tests, bool(container.failures))
    suite = ET.SubElement(parent, "test-suite", {
        "type": "TestFixture", "name": container.name, "executed": "True" if container.executed else "False",
        "result": result, "success": success, "time": _secs(container.duration), "asserts": "0",
        "description": container.name})
    results = ET.SubElement(suite, "results")
    for item in container.root.items:
        _item(results, item)


def _item(parent, item) -> None:
    import xml.etree.ElementTree as ET
    if isinstance(item, Block):
        tests = item.all_tests()
        result, success = _suite_result(tests, bool(item.failures))
        suite = ET.SubElement(parent, "test-suite", {
            "type": "TestFixture", "name": item.expanded_name, "executed": "True" if item.executed else "False",
            "result": result, "success": success, "time": _secs(item.duration), "asserts": "0",
            "description": item.expanded_name})
        results = ET.SubElement(suite, "results")
        for child in item.items:
            _item(results, child)
        return
    test: Test = item
    result, success, executed = _RESULTS.get(test.result, ("Ignored", "True", "False"))
    case = ET.SubElement(parent, "test-case", {
        "description": test.expanded_name, "name": test.expanded_path, "time": _secs(test.duration),
        "asserts": "0", "success": success, "result": result, "executed": executed})
    failures = [f for f in test.failures if f.kind == "Failed"]
    if test.result == "Failed" and failures:
        failure = ET.SubElement(case, "failure")
        ET.SubElement(failure, "message").text = "\n".join(f.display_error_message for f in failures)
        ET.SubElement(failure, "stack-trace").text = "\n".join(f.display_stack_trace for f in failures)
    elif test.result in ("Skipped", "Inconclusive"):
        reason = ET.SubElement(case, "reason")
        ET.SubElement(reason, "message").text = test.skip_message or ""
