"""Pictures of the model, without Dash: the Plotly figure and its highlight tables
(figure.py, highlight.py), the static SVG of the first HTML (static_svg.py), the
where-mode tap picker (picker.py) and the legend's swatches (swatches.py)."""
