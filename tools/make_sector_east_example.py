"""Write ``examples/sector-east-2024.pkplan.json``: a plan carried through two years.

    python tools/make_sector_east_example.py [--check]

Deterministic (fixed seed, fixed uids): running it again writes the same bytes, and
``--check`` exits 1 when the committed file differs from what it would write. The data
points follow a story told by anchor values (value on a date, straight lines between them)
with a little seeded noise; the "suggested" rating of each review is what pkdesk's rating
method gives on the review's date, and the reviewer's rating is that suggestion unless the
review below says otherwise (with its reason).
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from pkdesk.core.performance.ratings import suggest_rating
from pkdesk.core.plan.file import dumps_plan, read_plan_file
from pkdesk.core.plan.model import (
    Authorization, Benchmark, Command, DataPoint, Decision, Indicator, Mandate, MissionObjective,
    ObjectiveRating, ParallelForce, Party, Performance, Plan, Protection, ProtectionSite,
    Resources, Review, Strategy,
)

OUT = Path(__file__).resolve().parents[1] / "examples" / "sector-east-2024.pkplan.json"
FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)
LAST_WEEK = date(2026, 1, 18)       # the road is counted weekly, up to just before the check


def month_ends() -> list[date]:
    out, d = [], FIRST
    while d <= LAST:
        nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        out.append(nxt - timedelta(days=1))
        d = nxt
    return out


def every(months: int) -> list[date]:
    return [d for d in month_ends() if d.month % months == 0]


def sundays() -> list[date]:
    d = date(2024, 1, 7)
    out = []
    while d <= LAST_WEEK:
        out.append(d)
        d += timedelta(days=7)
    return out


def curve(anchors: list[tuple[str, float]], day: date) -> float:
    points = [(date.fromisoformat(d), v) for d, v in anchors]
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:]):
        if d0 <= day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return points[-1][1]


def series(uid: str, days: list[date], anchors: list[tuple[str, float]], noise: float,
           rng: random.Random, *, whole: bool, source: str, by: str,
           notes: dict[str, str] | None = None, low: float = 0,
           high: float | None = None) -> list[DataPoint]:
    out = []
    for k, day in enumerate(days, 1):
        value = curve(anchors, day) + rng.uniform(-noise, noise)
        value = max(low, value if high is None else min(high, value))
        value = float(round(value)) if whole else round(value, 1)
        iso = day.isoformat()
        out.append(DataPoint(value, iso, source, (notes or {}).get(iso, ""), by,
                             uid=f"{uid}-{k:03d}"))
    return out


def indicators(rng: random.Random) -> dict[str, Indicator]:
    months, quarters, halves = month_ends(), every(3), every(6)
    jmac, ocha = "JMAC incident database", "OCHA access monitoring"
    return {
        "attacks": Indicator(
            "Attacks on IDP sites", "attacks per month", 14, "2023-12-31", 4, "2025-12-31",
            "lower", jmac, "monthly", uid="se-ind-attacks",
            data=series("se-dp-attacks", months,
                        [("2024-01-31", 14), ("2024-06-30", 10), ("2024-09-30", 15),
                         ("2024-12-31", 17), ("2025-06-30", 14), ("2025-09-30", 7),
                         ("2025-12-31", 5)], 1.2, rng, whole=True, source="JMAC",
                        by="JMAC Bunia",
                        notes={"2024-11-30": "Three attacks on Plaine Savo in one week.",
                               "2025-08-31": "First month with the two new bases."})),
        "bases": Indicator(
            "IDP sites with a mission base within 5 km", "% of sites", 35, "2023-12-31", 80,
            "2025-12-31", "higher", "Sector East operations", "quarterly", uid="se-ind-bases",
            data=series("se-dp-bases", quarters,
                        [("2024-03-31", 38), ("2024-12-31", 45), ("2025-06-30", 52),
                         ("2025-09-30", 70), ("2025-12-31", 78)], 1.5, rng, whole=True,
                        source="Sector East J3", by="Sector East J3", high=100)),
        "convoys": Indicator(
            "Convoys delayed more than 48 hours", "% of convoys", 40, "2023-12-31", 10,
            "2025-12-31", "lower", ocha, "monthly", uid="se-ind-convoys",
            data=series("se-dp-convoys", months,
                        [("2024-01-31", 38), ("2024-12-31", 25), ("2025-04-30", 22),
                         ("2025-06-30", 27), ("2025-09-30", 17), ("2025-12-31", 11)],
                        2.0, rng, whole=True, source="OCHA", by="OCHA Bunia", high=100,
                        notes={"2025-05-31": "Rainy season: the Djugu bridges were cut."})),
        "road": Indicator(
            "Days the Bunia–Mongbwalu road was open", "days per week", 3, "2024-01-07", 6,
            "2025-12-28", "higher", "Team site Mongbwalu patrol log", "weekly",
            uid="se-ind-road",
            data=series("se-dp-road", sundays(),
                        [("2024-01-07", 3), ("2024-12-31", 4.5), ("2025-04-30", 5),
                         ("2025-06-30", 4.5), ("2025-12-31", 6)], 0.6, rng, whole=True,
                        source="TS Mongbwalu", by="TS Mongbwalu", high=7)),
        "disputes": Indicator(
            "Disputes settled by local peace committees", "disputes per quarter", 12,
            "2023-12-31", 40, "2025-12-31", "higher", "Civil Affairs", "quarterly",
            uid="se-ind-disputes",
            data=series("se-dp-disputes", quarters,
                        [("2024-03-31", 13), ("2024-12-31", 20), ("2025-06-30", 24),
                         ("2025-12-31", 31)], 1.0, rng, whole=True, source="Civil Affairs",
                        by="Civil Affairs Bunia")),
        "women": Indicator(
            "Peace committee members who are women", "%", 12, "2023-12-31", 30, "2025-12-31",
            "higher", "Civil Affairs", "half_yearly", uid="se-ind-women",
            data=series("se-dp-women", halves,
                        [("2024-06-30", 16), ("2025-12-31", 29)], 0.5, rng, whole=False,
                        source="Civil Affairs", by="Gender Unit")),
        "combatants": Indicator(
            "Combatants registered in the community violence reduction programme",
            "people per month", 20, "2023-12-31", 120, "2025-12-31", "higher", "DDR Section",
            "monthly", uid="se-ind-combatants",
            data=series("se-dp-combatants", months,
                        [("2024-01-31", 25), ("2024-12-31", 60), ("2025-03-31", 55),
                         ("2025-06-30", 35), ("2025-12-31", 40)], 4.0, rng, whole=True,
                        source="DDR Section", by="DDR Bunia",
                        notes={"2025-04-30": "CODECO split: two factions left the programme."})),
        "children": Indicator(
            "Children recruited by armed groups (verified)", "children per quarter", 60,
            "2023-12-31", 20, "2025-12-31", "lower", "Child Protection Section", "quarterly",
            uid="se-ind-children",
            data=series("se-dp-children", quarters,
                        [("2024-03-31", 58), ("2024-12-31", 50), ("2025-06-30", 52),
                         ("2025-12-31", 46)], 2.0, rng, whole=True,
                        source="CTFMR", by="Child Protection")),
    }


REVIEWS = [("se-rev-1", "2024-07-08", "Head of Office, Bunia"),
           ("se-rev-2", "2025-01-10", "Head of Office, Bunia"),
           ("se-rev-3", "2025-07-04", "Deputy SRSG (Protection), with the Head of Office"),
           ("se-rev-4", "2026-01-09", "Head of Office, Bunia")]

# (review, objective) -> (reviewer's rating, reason) where the reviewer changed the suggestion
CHANGED = {
    ("se-rev-1", "se-obj-ddr"): (
        "on_track", "Registration only began in March, when the Djugu transit site opened; "
                    "June alone registered 45 combatants."),
    ("se-rev-3", "se-obj-access"): (
        "on_track", "The dip is the rainy season: the Djugu bridges were repaired in June and "
                    "convoys moved again within a week."),
    ("se-rev-4", "se-obj-talks"): (
        "at_risk", "Disputes settled rose every quarter and women now hold 29% of committee "
                   "seats; the target of 40 was set before the Mahagi committees existed."),
}

DECISIONS = {
    "se-rev-1": [Decision("Keep the patrol pattern; JMAC to report attacks site by site from "
                          "August.", "se-obj-poc", uid="se-dec-1")],
    "se-rev-2": [Decision("Deploy a temporary operating base at Plaine Savo for the dry "
                          "season.", "se-obj-poc", uid="se-dec-2"),
                 Decision("Ask OCHA for weekly access figures during the rains.",
                          "se-obj-access", uid="se-dec-3")],
    "se-rev-3": [Decision("Branch a scenario with two more standing bases in Djugu and fewer "
                          "long-range patrols, and compare it with the plan.", "se-obj-poc",
                          "scenario", "sector-east-2024-two-bases", uid="se-dec-4"),
                 Decision("Brief the DDR donors on the CODECO split.", "se-obj-ddr",
                          uid="se-dec-5")],
    "se-rev-4": [Decision("Open a new revision of the plan to recalibrate the DDR objective "
                          "after the armed group split: target 80 a month by the end of "
                          "2026.", "se-obj-ddr", "revision", "5", uid="se-dec-6"),
                 Decision("Civil Affairs to add dispute mediation training for the Djugu "
                          "committees.", "se-obj-talks", uid="se-dec-7")],
}


def build() -> Plan:
    rng = random.Random(14)
    ind = indicators(rng)
    objectives = [
        MissionObjective("protect_civilians", "Fewer attacks on IDP sites in Djugu and Mahagi",
                         [ind["attacks"], ind["bases"]], uid="se-obj-poc"),
        MissionObjective("humanitarian_access", "Humanitarian convoys reach Djugu without "
                         "armed escort being refused or delayed", [ind["convoys"], ind["road"]],
                         uid="se-obj-access"),
        MissionObjective("political_process", "Local peace committees settle land and "
                         "transhumance disputes before they turn violent",
                         [ind["disputes"], ind["women"]], uid="se-obj-talks"),
        MissionObjective("disarmament", "Combatants leave the armed groups and stay out",
                         [ind["combatants"], ind["children"]], uid="se-obj-ddr"),
    ]
    reviews = []
    for uid, held, reviewer in REVIEWS:
        day = date.fromisoformat(held)
        ratings = []
        for o in objectives:
            suggested = suggest_rating(o, day)
            rating, reason = CHANGED.get((uid, o.uid), (suggested, ""))
            ratings.append(ObjectiveRating(o.uid, rating, suggested, reason))
        reviews.append(Review(held, reviewer, ratings, DECISIONS[uid],
                              uid=uid, notes=f"Six-monthly review of Sector East ({held})."))
    return Plan(
        title="Sector East: protection and stabilisation in Ituri (MONUSCO-like, 2024-2025)",
        uid="example-sector-east-2024",
        host_country="Democratic Republic of the Congo",
        context="civil_war",
        authorization=Authorization("UN Security Council", "S/RES/2717 (2023)"),
        mandate=Mandate(
            summary="Protect civilians in Djugu and Mahagi territories, above all at the "
                    "sites for internally displaced people, support safe humanitarian "
                    "access, support local conflict resolution, and support the disarmament "
                    "and community reintegration of combatants, with the provincial "
                    "authorities.",
            objectives=["protect_civilians", "humanitarian_access", "political_process",
                        "disarmament"],
            review_months=6,
            benchmarks=[Benchmark("Attacks on IDP sites down to 4 a month", "2025-12"),
                        Benchmark("Four IDP sites in five within 5 km of a mission base",
                                  "2025-12")],
            end_state="Displaced people return or settle in safety, and the provincial "
                      "authorities protect the sites without the mission."),
        host_consent="granted",
        parties=[Party("Government of the DRC", "state", "granted", True, "host_government"),
                 Party("CODECO", "non_state", "withheld", False, "spoiler"),
                 Party("Zaïre self-defence group", "non_state", "conditional", True, "other",
                       "Protection of Hema villages is discussed first.")],
        use_of_force="defence_of_mandate",
        strategies=[Strategy("dialogue_channels", ["Government of the DRC",
                                                   "Zaïre self-defence group"],
                             "Head of Office, Bunia", "Monthly provincial security council."),
                    Strategy("inclusive_dialogue", ["Zaïre self-defence group", "CODECO"],
                             "Civil Affairs", "Local peace committees in Djugu and Mahagi."),
                    Strategy("advocacy", ["CODECO"], "Child Protection Section",
                             "Release of children; action plan.")],
        components=["military", "police", "civilian"],
        resources=Resources(2600, "limited", "secured", 3000, "assessed"),
        partners=["OCHA", "UNICEF", "Provincial government of Ituri"],
        community_engagement="Community alert networks at every IDP site; women's protection "
                             "committees meet the base commander weekly.",
        climate_risks="Floods cut the Djugu bridges in the rainy season; competition for "
                      "pasture drives transhumance disputes.",
        notes="An example written for pkdesk: places are real, the mission sector, figures, "
              "reviews and names are invented (tools/make_sector_east_example.py).",
        phase="deployed",
        protection=Protection("high", 450000,
                              [ProtectionSite("Plaine Savo", 40000, 250),
                               ProtectionSite("Rhoe", 65000, 300)]),
        command=Command("un", [ParallelForce("FARDC", False)]),
        performance=Performance(start="2024-01-01", objectives=objectives, reviews=reviews),
    )


def main(argv: list[str]) -> int:
    text = dumps_plan(build())
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT.name} differs from what the tool writes")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    assert read_plan_file(OUT) == build()
    print(f"wrote {OUT} ({len(text.encode()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
