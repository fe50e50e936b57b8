"""The definitions of API.md against figures computed by hand from tests/reports/dataset.py."""
from portal.reports import definitions as d

ZERO = {"supported": 0, "started": 0, "ended": 0, "hired": 0}


def test_host_totals_2024(data, host):
    # supported: #1 #3 #4 #5 #6 #7 #8 #9 #12 (not #2 ended 2023-12-31, #10 starts 2025, #11 never started)
    # started: #3 #4 #7 #8 #9 #12; ended: #1 #4 #7 #8 #9 #12; hired: #1 #9
    assert d.totals(d.Scope("host", host.id), 2024) == {"supported": 9, "started": 6, "ended": 6, "hired": 2}


def test_host_totals_2023_and_2025(data, host):
    # 2023: #1 #2 #5 #6 overlap; #1 #2 #5 started; #2 ended (broken off)
    assert d.totals(d.Scope("host", host.id), 2023) == {"supported": 4, "started": 3, "ended": 1, "hired": 0}
    # 2025: #3 #6 still running, #5 ends 2025-01-01, #10 starts 2025-01-02
    assert d.totals(d.Scope("host", host.id), 2025) == {"supported": 4, "started": 1, "ended": 1, "hired": 0}


def test_host_ended_by_outcome_covers_every_outcome(data, host):
    # ended in 2024: #1 hired, #9 hired, #4 hired elsewhere, #7 job seeking, #12 broken off, #8 other
    assert d.ended_by_outcome(d.Scope("host", host.id), 2024) == {
        "hired": 2, "hired_elsewhere": 1, "training": 0, "job_seeking": 1, "broken_off": 1, "other": 1}
    # 2025: #5 went on to training on 1 January
    assert d.ended_by_outcome(d.Scope("host", host.id), 2025)["training"] == 1


def test_host_by_function(data, host):
    table = d.by_function(d.Scope("host", host.id), 2024)
    # driver: #1 (ended hired); receptionist: #3 (started), #9 (started, ended, hired)
    assert table["driver"] == {"supported": 1, "started": 0, "ended": 1, "hired": 1}
    assert table["receptionist"] == {"supported": 2, "started": 2, "ended": 1, "hired": 1}
    # maintenance: #4 (started and ended in 2024) and #5 (spans the year)
    assert table["maintenance"] == {"supported": 2, "started": 1, "ended": 1, "hired": 0}
    # kitchen_help: only #12 (#2 ended in 2023, #11 never started)
    assert table["kitchen_help"] == {"supported": 1, "started": 1, "ended": 1, "hired": 0}
    assert table["cleaning"] == ZERO
    assert sum(row["supported"] for row in table.values()) == 9


def test_per_month_and_trend(data, host):
    months = d.per_month(d.Scope("host", host.id), 2024)
    started = {m["month"]: m["started"] for m in months if m["started"]}
    ended = {m["month"]: m["ended"] for m in months if m["ended"]}
    assert started == {1: 1, 3: 1, 4: 1, 5: 1, 7: 1, 12: 1}  # #4 #7 #8 #9 #12 #3
    assert ended == {2: 1, 6: 1, 8: 1, 9: 1, 11: 1, 12: 1}  # #1 #8 #12 #7 #9 #4
    trend = d.trend(d.Scope("host", host.id), 2024)
    assert [t["year"] for t in trend] == [2020, 2021, 2022, 2023, 2024]
    assert trend[0] == {"year": 2020, **ZERO}
    assert trend[2] == {"year": 2022, "supported": 1, "started": 1, "ended": 0, "hired": 0}  # #6
    assert trend[3] == {"year": 2023, "supported": 4, "started": 3, "ended": 1, "hired": 0}
    assert trend[4] == {"year": 2024, "supported": 9, "started": 6, "ended": 6, "hired": 2}


def test_ocmw_referred_scope(data, ocmw, other_ocmw):
    # A referred #1-#9 and #13: in 2024 #1 #3 #4 #5 #6 #7 #8 #9 #13; hired #1 #9 #13
    assert d.totals(d.Scope("ocmw", ocmw.id), 2024) == {"supported": 9, "started": 6, "ended": 6, "hired": 3}
    # J referred #10 #11 #12: only #12 counts in 2024
    assert d.totals(d.Scope("ocmw", other_ocmw.id), 2024) == {"supported": 1, "started": 1, "ended": 1, "hired": 0}


def test_funnel_of_the_ocmw(data, ocmw):
    # created in 2024: #3 (12-01) #7 (02-09) #8 (03-02) #9 (04-01) #13 (01-02) + declined, withdrawn, submitted
    # (#4 was created 2023-12-02); accepted = a placement exists; all five of those started.
    assert d.funnel(d.Scope("ocmw", ocmw.id), 2024) == {
        "submitted": 8, "accepted": 5, "started": 5, "declined": 1, "withdrawn": 1}


def test_partners_both_ways(data, host, sie, ocmw, other_ocmw):
    hosts = d.partners(d.Scope("ocmw", ocmw.id), 2024)
    # H: 7 referrals created in 2024 (#3 #7 #8 #9 + 3 unplaced), 8 placements supported (#1 #3-#9)
    # S: #13, created 2024-01-02 and supported
    assert [(p["name"], p["referrals"], p["supported"]) for p in hosts] == [
        (sie.name, 1, 1), (host.name, 7, 8)]
    ocmws = d.partners(d.Scope("host", host.id), 2024)
    # J: #10 (created 2024-12-03), #11 (2024-09-01), #12 (2024-06-01); only #12 supported
    assert [(p["name"], p["referrals"], p["supported"]) for p in ocmws] == [
        (ocmw.name, 7, 8), (other_ocmw.name, 3, 1)]


def test_network_counts_everyone_and_suppresses_under_five(data):
    raw = d.totals(d.NETWORK, 2024)
    # H's 9 and S's #13; started/ended: H's 6 + #13; hired #1 #9 #13
    assert raw == {"supported": 10, "started": 7, "ended": 7, "hired": 3}
    shown, hidden = d.suppressed_copy(raw)
    assert shown == {"supported": 10, "started": 7, "ended": 7, "hired": None} and hidden is True
    assert d.suppressed_copy({"a": 5, "b": {"c": 4, "year": 2024}}) == ({"a": 5, "b": {"c": None, "year": 2024}},
                                                                        True)
    assert d.suppressed_copy({"a": 5}) == ({"a": 5}, False)


def test_network_by_type_and_commune(data, host, sie):
    by_type = d.by_host_type(d.NETWORK, 2024)
    assert by_type == {"host": {"supported": 9, "started": 6, "ended": 6, "hired": 2},
                       "sie": {"supported": 1, "started": 1, "ended": 1, "hired": 1}}
    by_commune = d.by_host_commune(d.NETWORK, 2024)
    assert by_commune[host.commune]["supported"] == 9 and by_commune[sie.commune]["supported"] == 1


def test_an_empty_year_is_all_zeros(app, host):
    assert d.totals(d.Scope("host", host.id), 2024) == ZERO
    assert set(d.ended_by_outcome(d.Scope("host", host.id), 2024).values()) == {0}
