"""Temporal normalisation: a table of expressions resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from wirewatch.dates import find_dates, resolve

# expression | published | tense (past/future) | expected value | precision
# Publication 2022-05-12 is a Thursday; 2022-01-03 a Monday; 2018-04-05 a Thursday; 2022-02-27 a Sunday.
TABLE = """
May 11, 2022            | 2022-05-12 | past   | 2022-05-11 | day
May 11 2022             | 2022-05-12 | past   | 2022-05-11 | day
on May 11, 2022         | 2022-05-12 | past   | 2022-05-11 | day
11 May 2022             | 2022-05-12 | past   | 2022-05-11 | day
11 May                  | 2022-05-12 | past   | 2022-05-11 | day
May 11                  | 2022-05-12 | past   | 2022-05-11 | day
May 11th                | 2022-05-12 | past   | 2022-05-11 | day
the 11th of May         | 2022-05-12 | past   | 2022-05-11 | day
11th of May, 2022       | 2022-05-12 | past   | 2022-05-11 | day
Feb. 24                 | 2022-05-12 | past   | 2022-02-24 | day
Feb 24                  | 2022-05-12 | past   | 2022-02-24 | day
February 24             | 2022-05-12 | past   | 2022-02-24 | day
on February 24          | 2022-05-12 | past   | 2022-02-24 | day
since February 24       | 2022-05-12 | past   | 2022-02-24 | day
24 February             | 2022-05-12 | past   | 2022-02-24 | day
24 Feb. 2022            | 2022-05-12 | past   | 2022-02-24 | day
Feb. 24, 2022           | 2022-05-12 | past   | 2022-02-24 | day
Jan. 5                  | 2022-05-12 | past   | 2022-01-05 | day
Mar 3                   | 2022-05-12 | past   | 2022-03-03 | day
Apr. 30                 | 2022-05-12 | past   | 2022-04-30 | day
June 2                  | 2022-05-12 | past   | 2021-06-02 | day
June 2                  | 2022-05-12 | future | 2022-06-02 | day
Jul. 14                 | 2022-05-12 | past   | 2021-07-14 | day
Aug 9                   | 2022-05-12 | past   | 2021-08-09 | day
Sept. 11                | 2022-05-12 | past   | 2021-09-11 | day
Sep 11                  | 2022-05-12 | past   | 2021-09-11 | day
October 1               | 2022-05-12 | past   | 2021-10-01 | day
Nov. 11                 | 2022-05-12 | past   | 2021-11-11 | day
December 25             | 2022-05-12 | past   | 2021-12-25 | day
December 25             | 2022-05-12 | future | 2022-12-25 | day
May 13                  | 2022-05-12 | past   | 2021-05-13 | day
May 13                  | 2022-05-12 | future | 2022-05-13 | day
May 12                  | 2022-05-12 | past   | 2022-05-12 | day
May 12                  | 2022-05-12 | future | 2022-05-12 | day
March 31                | 2018-03-29 | future | 2018-03-31 | day
April 5                 | 2018-03-29 | future | 2018-04-05 | day
March 4                 | 2018-04-05 | past   | 2018-03-04 | day
on the 29th March 2018  | 2018-04-05 | past   | 2018-03-29 | day
29th March 2018         | 2018-04-05 | past   | 2018-03-29 | day
August 14 1984          | 2018-04-05 | past   | 1984-08-14 | day
September 27 2004       | 2018-04-05 | past   | 2004-09-27 | day
July 1, 1999            | 2018-04-05 | past   | 1999-07-01 | day
December 30             | 2022-01-03 | past   | 2021-12-30 | day
January 2               | 2022-01-03 | past   | 2022-01-02 | day
January 4               | 2022-01-03 | past   | 2021-01-04 | day
January 4               | 2022-01-03 | future | 2022-01-04 | day
February 29             | 2022-05-12 | past   | 2020-02-29 | day
Feb 30                  | 2022-05-12 | past   | None       | None
2022-05-10              | 2022-05-12 | past   | 2022-05-10 | day
2022-02-24              | 2022-05-12 | past   | 2022-02-24 | day
1999-12-31              | 2022-05-12 | past   | 1999-12-31 | day
10.05.2022              | 2022-05-12 | past   | 2022-05-10 | day
24.02.2022              | 2022-05-12 | past   | 2022-02-24 | day
24/02/2022              | 2022-05-12 | past   | 2022-02-24 | day
05/31/2022              | 2022-05-12 | past   | 2022-05-31 | day
May 2019                | 2022-05-12 | past   | 2019-05-01 | month
May, 2019               | 2022-05-12 | past   | 2019-05-01 | month
in May 2017             | 2018-04-05 | past   | 2017-05-01 | month
in December 2017        | 2018-04-05 | past   | 2017-12-01 | month
January 2018            | 2018-04-05 | past   | 2018-01-01 | month
Sept. 2021              | 2022-05-12 | past   | 2021-09-01 | month
April                   | 2022-05-12 | past   | 2022-04-01 | month
in April                | 2022-05-12 | past   | 2022-04-01 | month
early April             | 2022-05-12 | past   | 2022-04-01 | month
in early April          | 2022-05-12 | past   | 2022-04-01 | month
late March              | 2022-05-12 | past   | 2022-03-01 | month
mid-March               | 2022-05-12 | past   | 2022-03-01 | month
in February             | 2022-05-12 | past   | 2022-02-01 | month
since February          | 2022-05-12 | past   | 2022-02-01 | month
June                    | 2022-05-12 | past   | 2021-06-01 | month
in June                 | 2022-05-12 | future | 2022-06-01 | month
December                | 2022-05-12 | past   | 2021-12-01 | month
December                | 2022-01-03 | past   | 2021-12-01 | month
March                   | 2022-01-03 | future | 2022-03-01 | month
last May                | 2022-05-12 | past   | 2021-05-01 | month
this May                | 2022-05-12 | past   | 2022-05-01 | month
last March              | 2022-05-12 | past   | 2022-03-01 | month
last June               | 2022-05-12 | past   | 2021-06-01 | month
next March              | 2022-05-12 | future | 2023-03-01 | month
next June               | 2022-05-12 | future | 2022-06-01 | month
in early this March     | 2022-05-12 | past   | 2022-03-01 | month
on Tuesday              | 2022-05-12 | past   | 2022-05-10 | day
Tuesday                 | 2022-05-12 | past   | 2022-05-10 | day
late on Tuesday         | 2022-05-12 | past   | 2022-05-10 | day
Tuesday night           | 2022-05-12 | past   | 2022-05-10 | day
on Wednesday            | 2022-05-12 | past   | 2022-05-11 | day
on Thursday             | 2022-05-12 | past   | 2022-05-12 | day
Friday                  | 2022-05-12 | past   | 2022-05-06 | day
on Friday               | 2022-05-12 | future | 2022-05-13 | day
on Saturday             | 2022-05-12 | past   | 2022-05-07 | day
Saturday morning        | 2022-05-12 | past   | 2022-05-07 | day
on Sunday               | 2022-05-12 | past   | 2022-05-08 | day
on Monday              | 2022-05-12 | past   | 2022-05-09 | day
Monday                  | 2022-05-12 | future | 2022-05-16 | day
on Thursday             | 2022-05-12 | future | 2022-05-19 | day
early on Sunday         | 2022-05-12 | past   | 2022-05-08 | day
Wednesday evening       | 2022-05-12 | past   | 2022-05-11 | day
Saturday afternoon      | 2022-05-12 | past   | 2022-05-07 | day
on Saturday             | 2022-05-14 | past   | 2022-05-14 | day
Friday                  | 2022-05-14 | past   | 2022-05-13 | day
on Thursday             | 2018-04-05 | past   | 2018-04-05 | day
on Wednesday            | 2018-04-05 | past   | 2018-04-04 | day
on Sunday               | 2022-01-03 | past   | 2022-01-02 | day
on Friday               | 2022-01-03 | past   | 2021-12-31 | day
last Tuesday            | 2022-05-12 | past   | 2022-05-10 | day
last Thursday           | 2022-05-12 | past   | 2022-05-05 | day
last Friday             | 2022-05-12 | past   | 2022-05-06 | day
next Friday             | 2022-05-12 | past   | 2022-05-13 | day
next Wednesday          | 2018-04-05 | past   | 2018-04-11 | day
this coming Monday      | 2022-05-12 | past   | 2022-05-16 | day
this Tuesday            | 2022-05-12 | past   | 2022-05-10 | day
this Saturday           | 2022-05-12 | past   | 2022-05-14 | day
yesterday               | 2022-05-12 | past   | 2022-05-11 | day
yesterday morning       | 2022-05-12 | past   | 2022-05-11 | day
today                   | 2022-05-12 | past   | 2022-05-12 | day
tonight                 | 2022-05-12 | future | 2022-05-12 | day
tomorrow                | 2022-05-12 | future | 2022-05-13 | day
the day before yesterday| 2022-05-12 | past   | 2022-05-10 | day
overnight               | 2022-05-12 | past   | 2022-05-11 | day
last night              | 2022-05-12 | past   | 2022-05-11 | day
this morning            | 2022-05-12 | past   | 2022-05-12 | day
this evening            | 2022-05-12 | past   | 2022-05-12 | day
over the past day       | 2022-05-12 | past   | 2022-05-11 | day
in the last 24 hours    | 2022-05-12 | past   | 2022-05-11 | day
yesterday               | 2022-01-01 | past   | 2021-12-31 | day
tomorrow                | 2021-12-31 | future | 2022-01-01 | day
three days ago          | 2022-05-12 | past   | 2022-05-09 | day
10 days ago             | 2022-05-12 | past   | 2022-05-02 | day
a day ago               | 2022-05-12 | past   | 2022-05-11 | day
two weeks ago           | 2022-05-12 | past   | 2022-04-25 | week
a week ago              | 2022-05-12 | past   | 2022-05-02 | week
a fortnight ago         | 2022-05-12 | past   | 2022-04-25 | week
two months ago          | 2022-05-12 | past   | 2022-03-01 | month
several months ago      | 2022-05-12 | past   | 2022-02-01 | month
six months ago          | 2022-05-12 | past   | 2021-11-01 | month
a year ago              | 2022-05-12 | past   | 2021-01-01 | year
three years ago         | 2022-05-12 | past   | 2019-01-01 | year
two months ago          | 2022-01-03 | past   | 2021-11-01 | month
this week               | 2022-05-12 | past   | 2022-05-09 | week
earlier this week       | 2022-05-12 | past   | 2022-05-09 | week
later this week         | 2022-05-12 | future | 2022-05-09 | week
last week               | 2022-05-12 | past   | 2022-05-02 | week
next week               | 2022-05-12 | future | 2022-05-16 | week
last week               | 2022-01-03 | past   | 2021-12-27 | week
this week               | 2022-02-27 | past   | 2022-02-21 | week
past week               | 2022-05-12 | past   | 2022-05-06 | week
in the past week        | 2022-05-12 | past   | 2022-05-06 | week
over the last week      | 2022-05-12 | past   | 2022-05-06 | week
in recent days          | 2022-05-12 | past   | 2022-05-06 | week
over the past few days  | 2022-05-12 | past   | 2022-05-06 | week
over the weekend        | 2022-05-12 | past   | 2022-05-07 | week
at the weekend          | 2022-05-14 | past   | 2022-05-14 | week
last weekend           | 2022-05-12 | past   | 2022-05-07 | week
this weekend           | 2022-05-12 | future | 2022-05-14 | week
this month              | 2022-05-12 | past   | 2022-05-01 | month
earlier this month      | 2022-05-12 | past   | 2022-05-01 | month
later this month        | 2022-05-12 | future | 2022-05-01 | month
last month              | 2022-05-12 | past   | 2022-04-01 | month
last month              | 2022-01-03 | past   | 2021-12-01 | month
next month             | 2022-12-10 | future | 2023-01-01 | month
in the past month       | 2022-05-12 | past   | 2022-04-12 | month
this year               | 2022-05-12 | past   | 2022-01-01 | year
earlier this year       | 2022-05-12 | past   | 2022-01-01 | year
last year               | 2022-05-12 | past   | 2021-01-01 | year
next year               | 2022-05-12 | future | 2023-01-01 | year
in 2014                 | 2022-05-12 | past   | 2014-01-01 | year
since 2014              | 2022-05-12 | past   | 2014-01-01 | year
in late 2016            | 2018-04-05 | past   | 2016-01-01 | year
by 2019                 | 2018-04-05 | future | 2019-01-01 | year
2015                    | 2018-04-05 | past   | 2015-01-01 | year
May 5-8                 | 2022-05-12 | past   | 2022-05-05 | week
May 5 - 8               | 2022-05-12 | past   | 2022-05-05 | week
5-8 May                 | 2022-05-12 | past   | 2022-05-05 | week
5 to 8 May 2021         | 2022-05-12 | past   | 2021-05-05 | week
between May 1 and May 10| 2022-05-12 | past   | 2022-05-01 | month
April 28 - May 2        | 2022-05-12 | past   | 2022-04-28 | week
March 1-31              | 2022-05-12 | past   | 2022-03-01 | month
May 10-10               | 2022-05-12 | past   | 2022-05-10 | day
Dec 30 - Jan 2          | 2022-01-05 | past   | 2021-12-30 | week
from Monday to Wednesday| 2022-05-12 | past   | 2022-05-09 | week
between Tuesday and Thursday | 2022-05-12 | past | 2022-05-10 | week
yesterday               | None       | past   | None       | None
on Tuesday              | None       | past   | None       | None
May 11                  | None       | past   | None       | None
May 11, 2022            | None       | past   | 2022-05-11 | day
March 2022              | None       | past   | 2022-03-01 | month
"""


def _rows() -> list[tuple[str, dt.date | None, bool, str | None, str | None]]:
    rows = []
    for line in TABLE.strip().splitlines():
        expression, published, tense, value, precision = (part.strip() for part in line.split("|"))
        rows.append((expression, None if published == "None" else dt.date.fromisoformat(published),
                     tense == "future", None if value == "None" else value,
                     None if precision == "None" else precision))
    return rows


ROWS = _rows()


def test_the_table_is_large():
    assert len(ROWS) >= 150
    assert len({(r[0], r[1], r[2]) for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(("expression", "published", "future", "value", "precision"), ROWS,
                         ids=[f"{r[0]}@{r[1]}{'+' if r[2] else ''}" for r in ROWS])
def test_resolve(expression, published, future, value, precision):
    expected = None if value is None else (value, precision)
    assert resolve(expression, published, future=future) == expected


PUBLISHED = dt.date(2022, 5, 12)


def _found(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    doc: Doc = nlp(text)
    mentions = find_dates(doc, PUBLISHED)
    for m in mentions:
        assert text[m.span.start:m.span.end] == m.span.text
    return [(m.span.text, m.value, m.precision) for m in mentions]


@pytest.mark.parametrize("text", [
    "The shelling lasted for three days and left the district without power.",
    "Fighting went on for two weeks before the village fell.",
    "Eugene Bogdanov, 35, was buried in the village cemetery.",
    "Larysa, 55, and Viktor, 57, stand next to their house.",
    "The siege could last within a month, the officer said.",
    "The 30th convocation of the university drew 2,325 graduates.",
    "People lived in cellars for two months without light.",
    "The column stretched for 40km along the highway.",
])
def test_durations_and_ages_are_not_dates(nlp, text):
    assert _found(nlp, text) == []


def test_dates_in_running_text(nlp):
    text = ("Russian troops shelled Chuhuiv late on Tuesday, two days after Ukrainian forces retook "
            "Ruska Lozova, and since the start of the invasion on February 24 the town has been hit "
            "weekly, the governor said two months ago.")
    found = _found(nlp, text)
    assert ("late on Tuesday", "2022-05-10", "day") in found
    assert ("on February 24", "2022-02-24", "day") in found
    assert ("two months ago", "2022-03-01", "month") in found


def test_the_month_of_may_is_told_from_the_verb_by_its_capital(nlp):
    found = _found(nlp, "The town, which troops entered in May, may fall by mid-May, officials said.")
    assert [(t, v) for t, v, _ in found] == [("in May", "2022-05-01"), ("by mid-May", "2022-05-01")]


def test_a_month_named_alone_is_told_from_the_noun_by_its_capital(nlp):
    found = _found(nlp, "Thousands joined a march in Kyiv on Sunday; in March troops began to march on the city.")
    assert [t for t, _, _ in found] == ["on Sunday", "in March"]


def test_future_tense_moves_weekdays_and_dates_forward(nlp):
    found = _found(nlp, "The delegations will meet again on Friday to discuss the evacuation.")
    assert found == [("on Friday", "2022-05-13", "day")]
    found = _found(nlp, "The consulate would have to suspend work by May 31, the ministry said.")
    assert found == [("by May 31", "2022-05-31", "day")]


def test_past_reporting_verb_keeps_the_past(nlp):
    found = _found(nlp, "The minister said on Friday that talks will resume.")
    assert found == [("on Friday", "2022-05-06", "day")]


def test_the_previous_day_counts_from_the_day_its_sentence_names(nlp):
    # PUBLISHED is a Thursday: "on Friday" is the Friday before, and the attack the day before that
    found = _found(nlp, "Police said on Friday that the attack was carried out the previous day.")
    assert found == [("on Friday", "2022-05-06", "day"), ("the previous day", "2022-05-05", "day")]
    alone = _found(nlp, "The ministry said the strike happened the night before.")
    assert alone == [("the night before", "2022-05-11", "day")]  # no day named: the day before publication
    assert _found(nlp, "Crowds gathered the day before the vote.") == []  # counted from a happening, not a day


def test_an_abbreviated_month_joined_to_its_day_by_a_point_is_a_date(nlp):
    found = _found(nlp, "Gunmen launched on Oct.7 the raid that the army repelled by Oct. 9.")
    assert found == [("on Oct.7", "2021-10-07", "day"), ("by Oct. 9", "2021-10-09", "day")]
    assert _found(nlp, "Version 2.Jan of the software was released.") == []


def test_a_weekday_written_with_its_calendar_day_is_that_day(nlp):
    # PUBLISHED is Thursday 12 May 2022; 10 May was a Tuesday, 11 May a Wednesday
    found = _found(nlp, "On Tuesday, 11 May, the two sides began the exchange of prisoners.")
    assert found[0] == ("On Tuesday", "2022-05-11", "day")  # the calendar day, not the weekday's guess
    assert _found(nlp, "On Tuesday, the army said on May 11 it had withdrawn.")[0] == ("On Tuesday", "2022-05-10",
                                                                                       "day")


def test_a_year_set_aside_in_brackets_dates_what_it_follows(nlp):
    found = _found(nlp, "The Winter War (1939) cost the army dearly; 2,500 (about half) were lost.")
    assert found == [("1939", "1939-01-01", "year")]
