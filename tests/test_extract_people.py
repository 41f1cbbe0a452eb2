from __future__ import annotations

from pathlib import Path

from scrutiny.ingest.extract.people import find_people
from scrutiny.ingest.extract.records import Link, LinkKind, Person

FIXTURES = Path(__file__).parent / "fixtures" / "entities"


def people(name: str) -> tuple[dict[str, Person], tuple[Link, ...], str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    extraction = find_people(text)
    found = {e.key: e for e in extraction.entities if isinstance(e, Person)}
    assert len(found) == len(extraction.entities)
    for mention in extraction.mentions:
        assert text[mention.span.start : mention.span.end] == mention.surface
        assert mention.entity_key in found
    return found, extraction.links, text


def test_titles_become_roles_and_attendees_join_them() -> None:
    found, _, _ = people("transcript_excerpt.txt")
    assert found["person:jennifer-wynter"].roles == ("Assistant Director",)
    assert found["person:rickardo-hyatt"].roles == ("Group Director",)
    assert found["person:caroline-woodley"].roles == ("Mayor",)
    # "Councillor Sizer" joins the one attendee with that surname
    sizer = found["person:anya-sizer"]
    assert sizer.roles == ("Councillor",)
    assert "person:councillor-sizer" not in found
    assert set(found) == {
        "person:jennifer-wynter",
        "person:rickardo-hyatt",
        "person:anya-sizer",
        "person:caroline-woodley",
    }


def test_bracketed_and_comma_roles_with_organisation_links() -> None:
    found, links, _ = people("minutes_excerpt.txt")
    assert found["person:dominic-clout"].roles == ("Independent Scrutineer",)
    # The post as written, with the body it serves; the body is also linked (below).
    assert found["person:carolyn-downs"].roles == ("Chief Executive, Brent Council",)
    assert found["person:barry-loader"].roles == ("Detective Superintendent",)
    assert found["person:barbara-peacock"].roles == ("Executive Director (People Department)",)
    assert found["person:gavin-swann"].roles == (
        "Head of Children's Safeguarding and Quality Assurance",
    )
    member_of = {(link.source_key, link.target_key) for link in links}
    assert all(link.kind is LinkKind.MEMBER_OF for link in links)
    assert ("person:carolyn-downs", "organisation:london-borough-of-brent") in member_of
    assert ("person:barry-loader", "organisation:metropolitan-police-service") in member_of
    assert ("person:paul-ridley", "organisation:metropolitan-police-service") in member_of
    assert (
        "person:david-pennington",
        "organisation:north-central-london-integrated-care-board",
    ) in member_of
    assert not any(source == "person:dominic-clout" for source, _ in member_of)


def test_surname_only_councillors_keep_their_title_in_the_key() -> None:
    found, _, _ = people("minutes_excerpt.txt")
    for surname in ("joseph", "rathbone", "ogundemuren"):
        person = found[f"person:councillor-{surname}"]
        assert person.roles == ("Councillor",)
        assert person.confidence < 0.7


def test_phrases_that_look_like_names_are_not_people() -> None:
    found, _, _ = people("minutes_excerpt.txt")
    assert not any("review" in key or "casey-review" in key for key in found)
    assert "person:det-sup" not in found
    text = (
        "The National County Lines Coordination Centre, fund a dedicated British Transport Police."
    )
    assert find_people(text).entities == ()


def test_speaker_labels_roles_before_names_and_labelled_contacts() -> None:
    text = (
        "Tim Roe (East Worthing and Shoreham) (Con): I beg to move.\n"
        "The Minister for Children, Young People and Families (Jane Doe):\n"
        "I start by welcoming this debate, raised by the Member for Surrey Heath (Michael Grove).\n"
        "Children’s Minister Edward Timson said the Government would act.\n"
        "Apologies were received from Councillors M Bean and R Fletch.\n"
        "Contact: Alice Green (01905 844962)/Sam Morris (01905 844963)\n"
        "- Schools Officer Role Hackney\n"
    )
    people = {p.label: p.roles for p in find_people(text).entities if isinstance(p, Person)}
    assert people["Tim Roe"] == ("East Worthing and Shoreham (Con)",)
    assert people["Jane Doe"] == ("Minister for Children, Young People and Families",)
    assert people["Michael Grove"] == ("Member for Surrey Heath",)
    assert "Children’s Minister" in people["Edward Timson"]
    assert people["M Bean"] == ("Councillor",) and people["R Fletch"] == ("Councillor",)
    assert people["Alice Green"] == ("Contact",) and people["Sam Morris"] == ("Contact",)
    assert not any("Hackney" in label for label in people)


def test_speaker_turns_peers_appointments_and_posts_before_names() -> None:
    text = (
        "Jo Bloggs: I am grateful to the Secretary of State.\n"
        "Key Findings: the service is good.\n"
        "Baroness Walmsley (LD)\n"
        "Baroness Morris of Yardley, Chair of the Public Services Committee said: hello\n"
        "Sir Roger Singleton has been appointed to the new role of Chief Adviser on Safety.\n"
        "The Cabinet Member for Well Being, Councillor Mark Child, was asked to respond.\n"
    )
    people = {p.label: p.roles for p in find_people(text).entities if isinstance(p, Person)}
    assert "Jo Bloggs" in people and "Key Findings" not in people
    assert people["Baroness Walmsley"] == ("Baroness", "LD")
    assert people["Baroness Morris"] == ("Baroness", "Chair of the Public Services Committee")
    assert "Chief Adviser on Safety" in people["Roger Singleton"]
    assert people["Mark Child"] == ("Councillor", "Cabinet Member for Well Being")


def _people_in(text: str) -> dict[str, Person]:
    return {
        entity.label: entity for entity in find_people(text).entities if isinstance(entity, Person)
    }


def test_a_post_straight_after_a_name_on_its_own_line() -> None:
    found = _people_in(
        "Speakers\n\nTim Loughton Shadow Minister (Children)\n\n"
        "Jane Okafor Head of Children's Social Care\n\nThe meeting opened at 7pm.\n"
    )
    assert found["Tim Loughton"].roles == ("Shadow Minister (Children)",)
    assert found["Jane Okafor"].roles == ("Head of Children's Social Care",)


def test_a_titled_surname_with_a_post_after_a_comma() -> None:
    found = _people_in("Mr Smith, the Director of Children's Services, replied.\n")
    assert "Director of Children's Services" in found["Smith"].roles


def test_a_list_of_people_gives_none_of_them_the_next_ones_name_as_a_post() -> None:
    found = _people_in("Also present: Chanel Paul, Councillor Sizer and Councillor Ross.\n")
    assert "Chanel Paul" in found
    assert not any("Sizer" in role for person in found.values() for role in person.roles)


def test_an_honorific_after_a_title_is_not_part_of_the_name() -> None:
    found = _people_in("Present: Cllr Mrs Ann Cains, Cllr Dick Cains and Cllr Mrs I Machin.\n")
    assert found["Ann Cains"].roles == ("Councillor",)
    assert "Mrs Ann Cains" not in found and "Councillor Mrs" not in found


def test_a_post_goes_on_after_a_comma_to_its_body_or_the_rest_of_its_list() -> None:
    found = _people_in(
        "Also present: Councillor Alisa Flemming, Cabinet Member for Children, Young People "
        "and Learning\n\n- Sarah Baker, Independent Chair, Croydon Safeguarding Children "
        "Board\n- Gavin Swann, Head of Quality Assurance, Councillor Ross\n"
    )
    assert "Cabinet Member for Children, Young People and Learning" in found["Alisa Flemming"].roles
    assert found["Sarah Baker"].roles == ("Independent Chair, Croydon Safeguarding Children Board",)
    assert found["Gavin Swann"].roles == ("Head of Quality Assurance",)


def _roles(text: str) -> dict[str, tuple[str, ...]]:
    return {e.label: e.roles for e in find_people(text).entities if isinstance(e, Person)}


def test_a_dash_between_name_and_post_in_a_list() -> None:
    text = (
        "Officers: Helen Price (Head of Early Help), Tom Green – Democratic Services Officer.\n"
        "In attendance; Priya Shah - Virtual School Head; Owen Lloyd – Service Manager\n"
        "Action By - Director of Education\n"
        "4. Youth Justice – Annual Plan\n"
    )
    roles = _roles(text)
    assert roles["Tom Green"] == ("Democratic Services Officer",)
    assert roles["Priya Shah"] == ("Virtual School Head",)
    assert roles["Owen Lloyd"] == ("Service Manager",)
    assert "Action By" not in roles and "Youth Justice" not in roles


def test_people_in_a_table_with_name_and_role_columns() -> None:
    text = (
        "Witnesses\n\n"
        "| Name | Role | Organisation |\n"
        "| --- | --- | --- |\n"
        "| Lisa Morgan | Headteacher | Northshire Academy |\n"
        "| Dr Ben Carter | Independent Chair | Northshire Safeguarding Children Partnership |\n"
        "| Total | 2 | |\n"
    )
    roles = _roles(text)
    assert roles["Lisa Morgan"] == ("Headteacher",)
    assert "Independent Chair" in roles["Ben Carter"]
    assert "Total" not in roles


def test_a_portfolio_list_after_a_member_post_belongs_to_it() -> None:
    text = (
        "Councillor Amira Khan, Lead Member Children's Safeguarding, Early Help and Social "
        "Care, introduced the report.\n"
    )
    assert (
        "Lead Member Children's Safeguarding, Early Help and Social Care"
        in (_roles(text)["Amira Khan"])
    )


def test_knighthoods_after_a_post_and_a_body_s_post_in_apposition() -> None:
    text = (
        "Ofsted's Chief Inspector, Sir Michael Wilshaw, said that children were at risk.\n"
        "Her Majesty's Chief Inspector Sir Michael Wilshaw added that councils must act.\n"
        "Baroness Hale of Richmond (Con): My Lords, I thank the Minister.\n"
    )
    roles = _roles(text)
    assert "Chief Inspector" in roles["Michael Wilshaw"]
    assert "Sir Michael Wilshaw" not in roles
    assert "My Lords" not in roles


def test_hansard_speaker_headings_with_a_title_inside_the_bracket() -> None:
    text = (
        "The Secretary of State for Children, Schools and Families (Ed Balls): I beg to move.\n"
        "Mr. Speaker: Order.\n"
        "Mr. Deputy Speaker (Sir Alan Haselhurst): Order. I call the Minister.\n"
        "The Minister for Children and Families (Mr. Tim Loughton): I agree with the hon.\n"
        "Member for Sheffield, Hallam (Mr. Clegg) and with the right hon. Member for Leeds\n"
        "Central (Hilary Benn).\n"
        "The Parliamentary Under-Secretary of State for Schools (Lord Hill of Oareford) (Con):\n"
        "Mr. Damian Green (Ashford) (Con): Will the Secretary of State agree?\n"
        "Mr. Balls: I will.\n"
        "Mr Speaker\n\nI call the Chair of the Select Committee.\n"
    )
    roles = _roles(text)
    assert "Secretary of State for Children, Schools and Families" in roles["Ed Balls"]
    assert "Deputy Speaker" in roles["Alan Haselhurst"]
    assert "Minister for Children and Families" in roles["Tim Loughton"]
    assert "Member for Sheffield, Hallam" in roles["Clegg"]
    assert "Member for Leeds Central" in roles["Hilary Benn"]
    assert any("Under-Secretary of State for Schools" in r for r in roles["Lord Hill"])
    assert roles["Damian Green"] == ("Ashford (Con)",)
    assert "Balls" not in roles  # "Mr. Balls" joins Ed Balls
    assert not any("Speaker" in label or "Sir Alan" in label for label in roles)


def test_the_speaker_named_in_a_heading_or_a_procedural_line() -> None:
    text = (
        "Mr. Speaker (John Bercow): Order, order.\n"
        "[Madam Deputy Speaker (Dame Eleanor Laing) in the Chair]\n"
        "[Mr Clive Betts in the Chair]\n"
    )
    roles = _roles(text)
    assert "Speaker" in roles["John Bercow"]
    assert "Deputy Speaker" in roles["Eleanor Laing"]
    assert "Chair" in roles["Clive Betts"]
    assert "Dame Eleanor Laing" not in roles and "Eleanor Laing" in roles


def test_titled_people_and_posts_after_a_comma_in_running_prose() -> None:
    text = (
        "Professor Alexis Jay found that at least 1,400 children had been abused.\n"
        "We met Nazir Afzal, Chief Crown Prosecutor for the North West, who said so.\n"
        "Baroness Hale of Richmond, President of the Supreme Court, agreed.\n"
        "Sir Gary Hickinbottom, currently Chair of the Independent Panel, will lead it. "
        "Sir Gary's appointment follows.\n"
        "Chief Supt. Neil Basu briefed the Committee and Supt. Jo Smith then spoke.\n"
        "DCI Tom Harris and PC J Spring attended.\n"
    )
    roles = _roles(text)
    assert "Professor" in roles["Alexis Jay"]
    assert "Chief Crown Prosecutor for the North West" in roles["Nazir Afzal"]
    assert "President of the Supreme Court" in roles["Baroness Hale"]
    assert "Chair of the Independent Panel" in roles["Gary Hickinbottom"]
    assert "Sir Gary" not in roles
    assert "Chief Superintendent" in roles["Neil Basu"]
    assert "Superintendent" in roles["Jo Smith"]
    assert "Detective Chief Inspector" in roles["Tom Harris"]
    assert "Police Constable" in roles["J Spring"]


def test_a_report_named_after_a_person_is_not_the_person_unless_named_in_full() -> None:
    named = _roles(
        "The review, written by Graham Badman, found that the register was needed.\n"
        "The Badman Report was published in June.\n"
    )
    assert set(named) == {"Graham Badman"}
    assert _roles("The Badman Report was published in June. The Munro Review agreed.\n") == {}
    assert _roles("The review was led by Waltham Forest and chaired by Public Health.\n") == {}


def test_a_contact_block_gives_the_post_next_to_the_name() -> None:
    text = (
        "Contact Officer: Chris Lunn, Democratic Services Officer\n"
        "Tel: 01234 567890\n\n"
        "Contact Points\n\n"
        "Samantha Morris, Overview and Scrutiny Officer, Tel: 01234 567891\n\n"
        "Report author: Priya Shah\nHead of Early Help\nEmail: priya.shah@example.gov.uk\n\n"
        "Contact: Alex Reed Tel: 01234 567892\n\n"
        "Name: Jordan Hale\nPost title: Scrutiny Manager\nTelephone: 01234 567893\n"
    )
    roles = _roles(text)
    assert roles["Chris Lunn"] == ("Democratic Services Officer",)
    assert roles["Samantha Morris"] == ("Overview and Scrutiny Officer",)
    assert roles["Priya Shah"] == ("Head of Early Help",)
    assert "Alex Reed" in roles and not any("Tel" in label for label in roles)
    assert roles["Jordan Hale"] == ("Scrutiny Manager",)


def test_a_post_as_a_label_before_a_name() -> None:
    text = (
        "Report Authorised by: Interim Director of Legal and Governance: Andrew Pavlou\n"
        "Independent Chair: Jane Doe\n"
        "| Lead Member | Councillor Amira Khan |\n"
        "Chief Executive:\tTom Price\n"
    )
    roles = _roles(text)
    assert roles["Andrew Pavlou"] == ("Interim Director of Legal and Governance",)
    assert roles["Jane Doe"] == ("Independent Chair",)
    assert "Lead Member" in roles["Amira Khan"]
    assert roles["Tom Price"] == ("Chief Executive",)


def test_a_post_ends_where_the_sentence_goes_on() -> None:
    text = (
        "Sally Nash, Service Manager (Youth Justice) introduced the report and confirmed it.\n"
        "Councillor H Smith, Chair of the Children's Overview and Scrutiny Committee presented "
        "the report.\n"
        "Accordingly, the Deputy Director for Education, Hayley Good and the Head of Learner "
        "Engagement, Deborah Bell will attend.\n"
    )
    roles = _roles(text)
    assert roles["Sally Nash"] == ("Service Manager (Youth Justice)",)
    assert "Chair of the Children's Overview and Scrutiny Committee" in roles["H Smith"]
    assert "Deputy Director for Education" in roles["Hayley Good"]
    assert "Head of Learner Engagement" in roles["Deborah Bell"]


def test_a_name_on_its_own_line_with_its_post_on_the_next() -> None:
    text = (
        "Yours sincerely,\n\nJo Bloggs\nDirector of Children's Services\n\n"
        "Contextual Safeguarding\nHead of Service introduced the item.\n"
    )
    roles = _roles(text)
    assert roles["Jo Bloggs"] == ("Director of Children's Services",)
    assert len(roles) == 1


def test_elections_and_substitutes_are_not_posts_and_bodies_are_not_people() -> None:
    text = (
        "Councillor Adejare was duly elected as Chair of the meeting.\n"
        "Councillors J Hamilton (Councillor Dr Sexton - substitute) and L McCarthy.\n"
        "The Chair (Councillor Julie Dore) referred to the report.\n"
        "Findings of the Local Government Association (LGA) Peer Review were noted by the UK\n"
        "Health Security Agency (UKHSA), the Scottish Government, the Welsh Government and "
        "the Northern Ireland Executive, and by Director Generals.\n"
    )
    roles = _roles(text)
    assert "Chair" in roles["Councillor Adejare"]
    assert roles["J Hamilton"] == ("Councillor",)
    assert "Julie Dore" in roles and "Councillor Julie Dore" not in roles
    assert set(roles) == {
        "Councillor Adejare",
        "J Hamilton",
        "L McCarthy",
        "Councillor Sexton",
        "Julie Dore",
    }


def test_post_nominals_between_a_name_and_its_post() -> None:
    text = (
        "Anne Longfield CBE, Children's Commissioner for England, gave evidence.\n"
        "Rt Hon Ed Balls MP (Secretary of State for Children, Schools and Families) replied.\n"
        "Mr. Speaker (Rt. Hon. John Bercow MP): Order.\n"
        "Nazir Afzal OBE, former Chief Crown Prosecutor for the North West, agreed.\n"
    )
    roles = _roles(text)
    assert "Children's Commissioner for England" in roles["Anne Longfield"]
    assert "Secretary of State for Children, Schools and Families" in roles["Ed Balls"]
    assert "Speaker" in roles["John Bercow"]
    assert "Chief Crown Prosecutor for the North West" in roles["Nazir Afzal"]


def test_a_label_or_a_post_on_the_line_before_the_name() -> None:
    text = (
        "Contact Officer:\nChris Lunn, Scrutiny Officer\nTel: 01234 567890\n\n"
        "Vice-Chair: Councillor Amy Wells\n\n"
        "Speaker: The Rt Hon Lindsay Hoyle MP\n\n"
        "Lead Member\nCouncillor Jane Smith\n\n"
        "Director of Children's Services\nTom Price\n\n"
        "Yours sincerely\nDirector of Children's Services\n"
    )
    roles = _roles(text)
    assert roles["Chris Lunn"] == ("Scrutiny Officer",)
    assert "Vice-Chair" in roles["Amy Wells"]
    assert "Speaker" in roles["Lindsay Hoyle"]
    assert "Lead Member" in roles["Jane Smith"]
    assert roles["Tom Price"] == ("Director of Children's Services",)
    assert set(roles) == {"Chris Lunn", "Amy Wells", "Lindsay Hoyle", "Jane Smith", "Tom Price"}


def test_a_report_by_a_person_names_them() -> None:
    text = (
        "The report by Professor Eileen Munro was published in 2011. The Munro Review "
        "made 15 recommendations, and a review by Graham Badman followed.\n"
    )
    roles = _roles(text)
    assert "Professor" in roles["Eileen Munro"]
    assert "Graham Badman" in roles
    assert set(roles) == {"Eileen Munro", "Graham Badman"}


def test_devolved_parliaments_and_committee_minutes() -> None:
    text = (
        "The Cabinet Secretary for Education and Skills (Shirley-Anne Somerville): I thank "
        "the member.\n"
        "The First Minister (Nicola Sturgeon): Yes.\n"
        "The Presiding Officer (Alison Johnstone): Order.\n"
        "The Minister of State, Department for Education (Baroness Barran) (Con): My Lords.\n"
        "Members present:\n\nRobert Halfon, in the Chair\nLucy Allan\nBen Bradley\n\n"
        "Met Commissioner Sir Mark Rowley said the force would change.\n"
        "The shadow Minister for Policing (Sarah Jones): We will oppose this.\n"
    )
    roles = _roles(text)
    assert "Cabinet Secretary for Education and Skills" in roles["Shirley-Anne Somerville"]
    assert "First Minister" in roles["Nicola Sturgeon"]
    assert "Presiding Officer" in roles["Alison Johnstone"]
    assert "Minister of State, Department for Education" in roles["Baroness Barran"]
    assert "Chair" in roles["Robert Halfon"]
    assert "Lucy Allan" in roles and "Ben Bradley" in roles
    assert "Met Commissioner" in roles["Mark Rowley"]
    assert "Sir Mark Rowley" not in roles
    assert roles["Sarah Jones"] == ("shadow Minister for Policing",)


def test_words_around_names_in_other_kinds_of_record_are_not_people() -> None:
    text = (
        "Analyst II ....................\nPC Technician ....................\n"
        "West 17th Street, 2100 (Ward 3) — DI Rentals, owner — appeal postponed.\n"
        "Res. No. 59-18 — Reverend Ralph\nHughley, Sr.\n"
        "Judge Joseph D. Russo presided.\n"
        "Legislative Branch\nExecutive Branch\n"
        "AUDIT COMMITTEE – Donna Sciarappa, Council President Kevin J. Kelley.\n"
        "Electric Bridge Operator Leader ..........................\n"
    )
    roles = _roles(text)
    assert set(roles) <= {"Donna Sciarappa", "Kevin J"}
    assert "Council President Kevin J" not in roles.get("Donna Sciarappa", ())


def test_a_title_and_surname_take_the_one_forename_written_before_that_surname() -> None:
    text = (
        "Extract (Mr Speaker; Dame Diana Johnson, Chair of the Committee; Sarah Dines)\n"
        "Miss Dines\nThe right hon. Lady raises an important issue.\n"
        "Councillor Hall opened the meeting at the Town Hall. Councillor Young spoke about "
        "Healthy Young Minds.\n"
    )
    roles = _roles(text)
    assert "Sarah Dines" in roles and "Dines" not in roles
    assert "Councillor Hall" in roles and "Town Hall" not in roles
    assert "Councillor Young" in roles and "Healthy Young" not in roles


def test_a_work_named_after_a_person_and_their_full_name_elsewhere() -> None:
    text = (
        "The Badman Report was published in June. In 2009 Graham Badman recommended a "
        "register. The Munro Review and the Annual Report followed; the Hackney Review "
        "met in Hackney Wood.\n"
    )
    roles = _roles(text)
    assert set(roles) == {"Graham Badman"}


def test_a_contact_given_by_a_personal_address() -> None:
    text = (
        "Contact Details\tSuzanne.Elwick@example.gov.uk , Head of Strategic Partnerships\n"
        "Contact: jo.bloggs@example.gov.uk\n"
        "Contact Officer: democratic.services@example.gov.uk\n"
        "Email: public.correspondence@example.gov.uk\n"
    )
    roles = _roles(text)
    assert roles == {
        "Suzanne Elwick": ("Head of Strategic Partnerships",),
        "Jo Bloggs": ("Contact",),
    }


def test_posts_in_apposition_with_a_list_or_in_lower_case_or_opening_a_line() -> None:
    text = (
        "Her Majesty's Chief Inspector of Education, Children's Services and Skills, Amanda "
        "Spielman, said so.\n"
        "The Inquiry's\nchair, Baroness Heather Hallett, has been investigating.\n"
        "Cabinet Member for Children, Cllr Jo Bloggs, responded.\n"
        "The group, chaired by Sarah Baker, met monthly.\n"
    )
    roles = _roles(text)
    assert (
        "Chief Inspector of Education, Children's Services and Skills" in roles["Amanda Spielman"]
    )
    assert "Chair of the Inquiry" in roles["Heather Hallett"]
    assert "Cabinet Member for Children" in roles["Jo Bloggs"]
    assert "Sarah Baker" in roles


def test_wrapped_speaker_headings_and_a_post_line_of_any_wording() -> None:
    text = (
        "Tim Loughton (East Worthing and\nShoreham) (Con): I beg to move.\n\n"
        "Contact Points\n\nSamantha Morris\nOverview and Scrutiny Officer\nTel: 01234 567890\n\n"
        "Key Findings\nThe Lead Member agreed.\n"
    )
    roles = _roles(text)
    assert roles["Tim Loughton"] == ("East Worthing and Shoreham (Con)",)
    assert roles["Samantha Morris"] == ("Overview and Scrutiny Officer",)
    assert set(roles) == {"Tim Loughton", "Samantha Morris"}


def test_contact_lines_with_the_post_and_telephone_run_together() -> None:
    text = (
        "Contact Points\n"
        "Samantha Morris Overview and Scrutiny Officer Tel: 01245 606000 Email: s@example.org\n"
        "Contact officer: Jo Hill, Senior Democratic Services Officer. Tel: 01234 567890\n"
        "Officer Contact: Sam Green\n"
    )
    roles = _roles(text)
    assert roles == {
        "Samantha Morris": ("Overview and Scrutiny Officer",),
        "Jo Hill": ("Senior Democratic Services Officer",),
        "Sam Green": ("Contact",),
    }


def test_evidence_sessions_inline_attendance_and_territorial_peers() -> None:
    text = (
        "Members present: Robert Halfon (Chair); Apsana Begum; Miriam Cates; Tom Hunt\n"
        "Q12 Ian Mearns: Thank you. I want to ask about exclusions.\n"
        "Q13 Ian Mearns: And what about alternative provision?\n"
        "The Earl of Listowel (CB): My Lords, I declare an interest.\n"
        "Present: Councillor Jo Bloggs (Chair), Councillor Sam Hill and Amy Wells.\n"
    )
    roles = _roles(text)
    assert "Chair" in roles["Robert Halfon"]
    assert {"Apsana Begum", "Miriam Cates", "Tom Hunt", "Ian Mearns"} <= set(roles)
    assert "CB" in roles["Earl of Listowel"]
    assert "Chair" in roles["Jo Bloggs"]
    assert {"Sam Hill", "Amy Wells"} <= set(roles)


def test_headings_before_a_post_line_are_not_names() -> None:
    text = (
        "Youth Offending\nService Manager\n\n"
        "Quality Assurance\nHead of Service\n\n"
        "Executive Summary\nDirector of Children's Services\n\n"
        "Key Findings\nChief Executive\n"
    )
    assert _roles(text) == {}


def test_a_speaker_heading_wrapped_in_a_printed_debate() -> None:
    text = (
        "The Parliamentary Under-Secretary of State for the Home Department\n"
        "(Kit Malthouse): The report is troubling. The Minister for Crime and Policing (Kit\n"
        "Malthouse) agreed.\n"
    )
    found = _people_in(text)
    assert set(found) == {"Kit Malthouse"}
    assert any(
        "Under-Secretary of State for the Home Department" in r
        for r in found["Kit Malthouse"].roles
    )
    assert "Minister for Crime and Policing" in found["Kit Malthouse"].roles
    assert len(find_people(text).mentions) == 2


def test_a_table_row_without_a_header_holding_a_name_and_a_post() -> None:
    text = (
        "| Cllr Jo Bloggs | Chair |\n"
        "| Sam Hill | Head of Early Help |\n"
        "| Lead officer | Amy Wells, Service Manager |\n"
        "| Total | 2 |\n"
        "| Youth Justice | Service Manager |\n"
    )
    roles = _roles(text)
    assert roles == {
        "Jo Bloggs": ("Councillor", "Chair"),
        "Sam Hill": ("Head of Early Help",),
        "Amy Wells": ("Service Manager",),
    }


def test_co_opted_members_listed_and_a_title_glued_to_the_word_before() -> None:
    text = (
        "Apologies were also received from co-opted Members Salmah Kansara and Michael "
        "Lobenstein.\nIn response toCouncillor Bateman the Manager advised.\n"
    )
    roles = _roles(text)
    assert roles["Salmah Kansara"] == ("Co-opted Member",)
    assert roles["Michael Lobenstein"] == ("Co-opted Member",)
    assert roles["Councillor Bateman"] == ("Councillor",)
