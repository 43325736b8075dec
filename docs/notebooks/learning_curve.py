# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The plateau: diminishing returns to data
#
# **How much better does a model get when it learns from more data, and when does more data
# stop helping?** This notebook draws the learning curves measured for four kinds of task:
# each extra piece of data helps less than the one before, and every curve flattens out.
#
# The term pages show this model's chart in
# [Data flywheel: diminishing returns](../terms/data-flywheel.md#diminishing-returns),
# [Diminishing returns: returns to data](../terms/diminishing-returns.md#returns-to-data)
# and [Neural scaling laws: what the laws say](../terms/neural-scaling-laws.md#what-they-say);
# [Learning curve](../simulations/learning-curve.md) explains the model.
#
# In the code: `flywheel_sims.learning_curve` models error as a power law of data down to a
# floor; the exponent `alpha` sets how fast it falls. The presets carry exponents measured
# by Hestness et al. (2017) and Kaplan et al. (2020).

# %%
import altair as alt
import pandas as pd

from flywheel_sims import learning_curve

# Static SVG charts (rendered by vl-convert), one per site palette, with each chart's
# `description` as alt text: they need no JavaScript and no network.
from glossary_site import notebook_charts as notebook

notebook.enable()

# %% [markdown]
# ## One curve per published exponent

# %%
curves = pd.concat(
    [
        learning_curve.simulate(learning_curve.preset(name), seed=0).assign(
            task=f"{preset.task} (alpha = {preset.alpha})"
        )
        for name, preset in learning_curve.PRESETS.items()
        if name in ("language", "translation", "speech", "image")
    ]
)
curves.head()

# %% [markdown]
# ## Error against data, log scale

# %%
alt.Chart(curves).mark_line().encode(
    x=alt.X("data:Q", title="training data", scale=alt.Scale(type="log")),
    y=alt.Y("error:Q", title="error"),
    color=alt.Color("task:N", title=None, legend=alt.Legend(orient="bottom", direction="vertical")),
).properties(
    width=340,
    height=240,
    description="Line chart: model error against training data on a logarithmic scale, one curve per published learning-curve exponent; each flattens toward the error floor.",
)
