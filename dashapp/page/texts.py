"""The words of a view, as Dash components: the explanation (patient and clinician),
the picture's summary and legend, the warning signs, the ranked answers of "where
does it hurt?", the refusal of a combination that does not occur, and the handout's
words. The callbacks (dashapp.page.callbacks) and the first HTML (first_view.py)
both write with these, so a link reads the same before and after the app starts."""
from __future__ import annotations

from dash import html

from dashapp import clinical
from dashapp.clinical import areas
from dashapp.page.glossary_view import Glosser
from dashapp.page.marking import FEEL_WORDS
from dashapp.pictures import swatches


def _sides_in_words(expl: clinical.Explanation) -> str:
    sides = sorted({h.side for h in expl.roots})
    return "both sides" if len(sides) > 1 else (sides[0] + " side" if sides else "")


def diagnosis_words(expl: clinical.Explanation, data: clinical.ClinicalData) -> str:
    """'Disc herniation · L4–L5 · right side': the view, in words."""
    parts = [data.conditions[expl.condition].name]
    if expl.level:
        parts.append(expl.level.replace("-", "–"))
    if side := _sides_in_words(expl):
        parts.append(side)
    return " · ".join(parts)


def handout_children(expl: clinical.Explanation, data: clinical.ClinicalData) -> list:
    """The printed handout's words: the diagnosis, the plain explanation and
    every red flag in full (never folded away, as on screen they may be)."""
    return [
        html.Div([
            html.H2(diagnosis_words(expl, data)),
            html.P(figure_summary(expl, data), className="handout-summary"),
            html.H3("What is happening"), html.P(expl.plain.get("what", "")),
            html.H3("Where it is felt"), html.P(expl.plain.get("where", "")),
            html.H3("Other signs"), html.P(expl.plain.get("signs", "")),
        ], className="handout-words"),
        html.Div([html.H3("When to get urgent help"), _list(expl.red_flags)],
                 className="handout-flags"),
    ]


def handout_where_children(result, data: clinical.ClinicalData) -> list:
    """The handout for 'where does it hurt?': the marks, the roots that fit,
    the look-alikes."""
    best = [f"{c.root} ({c.side})" for c in result.candidates[:3]]
    return [
        html.Div([
            html.H2("Where it hurts"),
            html.P(reverse_summary(result, data), className="handout-summary"),
            *([html.H3("Nerve roots that could explain it"), _list(best)] if best else []),
            *([html.H3("Other causes that can feel the same"),
               _list([f"{m.name}: {m.why}" for m in result.mimics])] if result.mimics else []),
        ], className="handout-words"),
        *([html.Div([html.H3("Get help now"), _list([f.text for f in result.red_flags])],
                    className="handout-flags")] if getattr(result, "red_flags", ()) else []),
    ]


def _list(items) -> html.Ul:
    return html.Ul([html.Li(i) for i in items])


NOT_A_DIAGNOSIS = "A picture to explain, not a diagnosis."


def explanation_heading(expl: clinical.Explanation, data: clinical.ClinicalData,
                        from_marks: bool = False) -> html.H2:
    """'Disc herniation · L4–L5 · left side'; reached from marked places it is one
    possible cause, never stated as fact: 'One possible cause: disc herniation at L4–L5'."""
    side_words = _sides_in_words(expl)
    level = expl.level.replace("-", "–") if expl.level else ""
    name = data.conditions[expl.condition].name
    if from_marks:
        return html.H2([f"One possible cause: {name[0].lower() + name[1:]}",
                        html.Span(f" at {level}" if level else ""),
                        html.Span(f" · {side_words}" if side_words else "")])
    return html.H2([name, html.Span(f" · {level}" if level else ""),
                    html.Span(f" · {side_words}" if side_words else "")])


def urgent_now(expl: clinical.Explanation) -> html.Div:
    """'Get help now if…' right under the heading (the full list is further down): a red
    frame, an icon and words, compact. A lesion in the middle adds the sign its own area
    raises (numbness in the saddle area)."""
    first, *raised = expl.urgent_now
    return html.Div([
        html.P([html.Span("⚠ ", className="urgent-icon", **{"aria-hidden": "true"}),
                first, " ", html.A("All warning signs", href="#red-flags")]),
        *[html.P(text) for text in raised],
    ], className="urgent-now", role="note", **{"aria-label": "Get help now"})


def explanation_children(expl: clinical.Explanation, data: clinical.ClinicalData,
                         audience: str, from_marks: bool = False) -> list:
    """Plain words for patients; root, myotome, reflex, key point, sources for clinicians.
    `from_marks`: opened from the places marked in 'Where does it hurt?'."""
    def names(role: str) -> list[str]:
        return sorted({h.root for h in expl.roots if h.role == role}, key=clinical.root_order)

    main, maybe = names("primary"), names("possible")
    side_words = _sides_in_words(expl)
    heading = explanation_heading(expl, data, from_marks)
    # with no spinal level the nerve itself is pressed, not its roots (sciatica):
    # the badge names the roots its fibres come from, as the text says
    outside = not data.conditions[expl.condition].has_level
    label = "Nerve fibres from: " if outside else "Nerve roots: " if len(main) > 1 \
        else "Nerve root: "
    badge = html.P([html.Strong(label),
                    html.Span(", ".join(main), className="root-badge"),
                    f" ({side_words})" if side_words else "",
                    *([html.Br(), html.Span("Possibly also: "),
                       html.Span(", ".join(maybe), className="root-badge maybe")] if maybe else [])],
                  className="affected")
    # patients: each glossary word explained where it first appears (in reading order)
    gloss = Glosser(data.glossary) if audience != "clinician" else (lambda text: text)
    body = [html.H3("What is happening"), html.P(gloss(expl.plain.get("what", ""))),
            html.H3("Where it is felt"), html.P(gloss(expl.plain.get("where", ""))),
            html.H3("Other signs"), html.P(gloss(expl.plain.get("signs", "")))]
    notes = [html.P(gloss(n), className="note") for n in expl.notes]
    urgent = html.Details([html.Summary("When to get urgent help"),
                           _list([gloss(f) for f in expl.red_flags])],
                          open=audience == "patient", className="red-flags", id="red-flags")
    if audience == "clinician":
        body = [
            html.H3("Lesion"), html.P(expl.clinical.get("lesion", "")),
            html.H3("Roots"), html.P(expl.clinical.get("roots", "")),
            html.H3("Weakness"), _list(expl.weakness or ["—"]),
            html.H3("Reflexes"), _list(expl.reflexes or ["—"]),
            html.H3("Key points"), html.P(expl.clinical.get("key_points", "")),
            html.H3("Pattern"), html.P(expl.clinical.get("pattern", "")),
        ]
        sources = html.Details([html.Summary("Sources"), _list(expl.sources)], open=True,
                               className="sources")
        top = [html.P(NOT_A_DIAGNOSIS, className="not-diagnosis")] if from_marks else []
    else:
        sources = html.Details([html.Summary("Sources"), _list(expl.sources)], className="sources")
        top = [html.P(NOT_A_DIAGNOSIS, className="not-diagnosis"), urgent_now(expl)]
    return [heading, *top, badge, *body, *notes, urgent, sources]


def _words(items: list[str], last: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def figure_summary(expl: clinical.Explanation, data: clinical.ClinicalData,
                   show_possible: bool = True) -> str:
    """One sentence naming what the schematic lights up (the roots that may
    also be involved only when the picture shows them)."""
    def roots(role: str) -> tuple[str, str]:
        """('L4 and L5', 'left side'), or ('', '') when no root has that role."""
        hits = [h for h in expl.roots if h.role == role]
        names = sorted({h.root for h in hits}, key=clinical.root_order)
        sides = sorted({h.side for h in hits})
        side = "both sides" if len(sides) > 1 else (f"{sides[0]} side" if sides else "")
        return (_words(names), side) if names else ("", "")

    (primary, side), (maybe, maybe_side) = roots("primary"), roots("possible")
    # neighbouring areas read as one run ("the back of the leg, from the
    # buttock to the heel"): a few places, not a list of fourteen
    felt = [h.region for h in expl.regions if h.role == "primary"]
    regions = areas.grouped(felt, {r: "the " + data.regions[r].where for r in felt})
    several = len({h.root for h in expl.roots if h.role == "primary"}) > 1
    noun = "nerve roots" if several else "nerve root"
    if not primary:
        text = "No nerve root is shown"
    elif not data.conditions[expl.condition].has_level:  # the nerve itself, not its roots
        text = f"Shown in red: the nerve fibres from {primary} ({side})"
    else:
        text = f"Shown in red: the {primary} {noun} ({side})"
    if maybe and show_possible:
        text += f", possibly also {maybe} ({maybe_side})"
    if regions:
        text += f". Felt in {areas.in_words(regions)}"
    return text + "."


def reverse_summary(result, data: clinical.ClinicalData, show_possible: bool = True) -> str:
    if not result.regions:
        return "Nothing marked yet."
    marked = _words([f"{data.regions[m.region].label.lower()} ({m.side}"
                     + ("" if m.feel == "pain" else f", {FEEL_WORDS[m.feel]}") + ")"
                     for m in result.marks])
    text = f"Marked: {marked}."
    if result.candidates:
        top = result.candidates[0].score
        best = [f"{c.root} ({c.side})" for c in result.candidates if c.score >= top - 1e-9]
        text += f" Shown in red: {_words(best)}, the best match" + ("es" if len(best) > 1 else "")
        if len(result.candidates) > len(best) and show_possible:
            text += "; dashed orange: the next ones"
        text += "."
        text += _explains_words(result, data)
    return text


def _explains_words(result, data: clinical.ClinicalData) -> str:
    """Which marks each best match explains (drawn red with a blue edge) and which
    it does not (left in blue crosses): said in words, not by colour alone."""
    top = result.candidates[0].score
    out = ""
    for cand in (c for c in result.candidates if c.score >= top - 1e-9):
        def places(regions):
            return areas.in_words([f"the {data.regions[r].label.lower()}" for r in regions])
        if cand.explains:
            out += f" {cand.root} ({cand.side}) explains {places(cand.explains)}: red with a blue edge."
        if cand.misses:
            lead = "It does not" if cand.explains else f"{cand.root} ({cand.side}) does not"
            out += f" {lead} explain {places(cand.misses)}: blue crosses."
    return out


def refusal_children(reason: str) -> list:
    return [html.H2("This combination does not occur"),
            html.P(reason, className="refusal"),
            html.P("Change the side, zone or level to see a view.")]


def urgent_children(flags) -> list:
    """The 'get help now' block: the warning signs raised, most urgent first.

    Urgency is said in words and by an icon, not only by colour."""
    if not flags:
        return []
    emergency = any(f.urgency == "emergency" for f in flags)
    # the same words as the flags themselves (one urgency wording per symptom)
    title = "Get help now: go to emergency care the same day" if emergency else \
        "Get medical advice the same day"
    return [html.H2(["⚠ ", title], className="urgent-title"),
            html.Ul([html.Li([html.Strong("Emergency: " if f.urgency == "emergency" else
                                          "Urgent: "), f.text],
                             className=f"flag {f.urgency}", **{"data-flag": f.id})
                     for f in flags])]


def marked_list(marks, data: clinical.ClinicalData) -> list:
    """The places marked, each with its leg, what is felt there and a button to unmark it."""
    if not marks:
        return [html.P("Nothing marked yet.", className="hint")]
    return [html.H2("You marked"), html.Ul([html.Li([
        html.Span(f"{data.regions[r].label} ({s} leg): {FEEL_WORDS[f]}"),
        html.Button("✕", id={"type": "unmark", "index": f"{r}:{s}"}, className="unmark",
                    n_clicks=0, title=f"Unmark {data.regions[r].label} ({s} leg)",
                    **{"aria-label": f"Unmark {data.regions[r].label} ({s} leg)"}),
    ]) for r, s, f in marks])]


def _lesion_words(data: clinical.ClinicalData, cand) -> str:
    """'Most often from a disc herniation at L4–L5, just to one side of the middle …' in plain words."""
    if not cand.lesions:
        return ""
    cid, level, zone = cand.lesions[0]
    text = f"Most often from {data.conditions[cid].name.lower()} at {level.replace('-', '–')}"
    if zone:
        text += f", {data.zones[zone].plain}"
    others = list(dict.fromkeys(lv for _, lv, _ in cand.lesions[1:3] if lv != level))
    if others:
        text += f". Also possible at {', '.join(lv.replace('-', '–') for lv in others)}"
    return text + "."


def reverse_children(result, data: clinical.ClinicalData) -> list:
    """Ranked candidates (fit in words, never a percentage), each a button to the forward
    view, then the look-alikes; what the evidence says sits next to the ranking."""
    if not result.regions:
        return [html.H2("Where does it hurt?"),
                html.P("Tap the places on the legs or feet where you feel pain, tingling or "
                       "numbness, or tick them in the list. The nerve roots that fit best appear "
                       "here, with other causes that can feel the same.")]
    items = []
    best = result.candidates[0].score if result.candidates else 0.0
    for rank, cand in enumerate(result.candidates):
        items.append(html.Li(html.Button([
            html.Strong(f"{cand.root} nerve root ({cand.side})"),
            html.Span(cand.fit, className="fit"),
            html.Span(_lesion_words(data, cand), className="levels"),
        ], id={"type": "candidate", "index": rank}, n_clicks=0,
            className="candidate best" if cand.score >= best - 1e-9 else "candidate")))
    gloss = Glosser(data.glossary)
    mimics = [html.Li([html.Strong(m.name), f". {m.fit} ", *gloss(m.why)]) for m in result.mimics]
    return [
        html.H2("Nerve roots that could explain it"),
        html.P([html.Strong("This is not a diagnosis. "), result.evidence],
               className="not-diagnosis"),
        html.Ol(items, className="candidates") if items else html.P(
            "No lumbar nerve root explains these places well."),
        html.P("Choose a root to see the spine problem that most often causes it. "
               "Your marks are kept.", className="hint") if items else None,
        html.H3("Not from the back? Other causes that fit"),
        html.Ul(mimics) if mimics else html.P("None of the common look-alikes fit these places."),
        *[html.P(gloss(n), className="note") for n in result.notes],
    ]


# --- legend: what each mark in the picture means -----------------------------

def _legend_item(svg: str, words: str) -> html.Li:
    return html.Li([html.Img(src=swatches.data_uri(svg), alt="", className="swatch"),
                    html.Span(words)])


def legend_children(mode: str, has_possible: bool, show_possible: bool,
                    explained: bool = False) -> list:
    """The marks the picture can show in this mode, each drawn as in the picture
    (`explained`: some marks are explained by the best match, drawn apart)."""
    maybe = has_possible and show_possible
    if mode == "where":
        items = [_legend_item(swatches.fill_swatch("region", "marked"), "where you marked"),
                 *([_legend_item(swatches.fill_swatch("region", "explained"),
                                 "marked and explained by this nerve")] if explained else []),
                 _legend_item(swatches.line_swatch("nerve", "on"), "the best match")]
        if maybe:
            items.append(_legend_item(swatches.line_swatch("nerve", "possible"),
                                      "the next matches"))
    else:
        items = [_legend_item(swatches.lesion_swatch(), "the problem in the spine"),
                 _legend_item(swatches.line_swatch("nerve", "on"), "the nerve root pressed on"),
                 _legend_item(swatches.fill_swatch("region", "on"), "where it is felt")]
        if maybe:
            items += [_legend_item(swatches.line_swatch("nerve", "possible"),
                                   "a root that may also be involved"),
                      _legend_item(swatches.fill_swatch("region", "secondary"),
                                   "where that may be felt")]
    return [*items, html.Li("Schematic, not to scale.", className="scale")]


def side_view_children(expl: clinical.Explanation) -> list:
    """A forward slip cannot show from behind: a side view, under the picture."""
    if expl.lesion.kind != "slip" or not expl.lesion.level:
        return []
    upper, lower = expl.lesion.level.split("-")
    return [html.Img(src=swatches.data_uri(swatches.slip_side_view(upper, lower)),
                     alt=f"Side view: {upper} has slipped forward over {lower}.",
                     className="slip-sketch"),
            html.Span(f"Seen from the side: {upper} has slipped forward over {lower}.")]
