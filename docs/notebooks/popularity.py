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
# # Bias amplification: ranking by popularity
#
# **What happens to a catalogue when a recommender keeps showing what is already popular?**
# This notebook runs three ways of choosing what to show and measures how unequal the
# attention becomes: ranking by past clicks piles it on a few items.
#
# The term pages show this model's chart in
# [Data flywheel: bias amplification](../terms/data-flywheel.md#bias-amplification),
# [Bias amplification: amplification through feedback](../terms/bias-amplification.md#through-feedback),
# [Filter bubble: the mechanism](../terms/filter-bubble.md#mechanism)
# and [Popularity bias: how it grows over time](../terms/popularity-bias.md#over-time);
# [Bias amplification](../simulations/popularity.md) explains the model.
#
# In the code: `flywheel_sims.popularity` simulates a recommender that shows `k` of
# `n_items` items per step. Ranking by past clicks feeds on itself: exposure concentrates on
# a few items, which the Gini coefficient of exposure measures. Exploring a share `epsilon`
# of the slots at random, or showing items at random, keeps it lower.

# %%
import altair as alt
import pandas as pd

from flywheel_sims import popularity

# Static SVG charts (rendered by vl-convert), one per site palette, with each chart's
# `description` as alt text: they need no JavaScript and no network.
from glossary_site import notebook_charts as notebook

notebook.enable()

# %% [markdown]
# ## One run per policy

# %%
runs = pd.concat(
    [popularity.simulate(popularity.Params(policy=policy), seed=0) for policy in popularity.POLICIES]
)
runs.head()

# %% [markdown]
# ## Gini coefficient of exposure over time

# %%
alt.Chart(runs).mark_line().encode(
    x=alt.X("t:Q", title="step"),
    y=alt.Y("gini:Q", title="Gini of exposure", scale=alt.Scale(domain=[0, 1])),
    color=alt.Color("policy:N", title="policy", legend=alt.Legend(orient="bottom")),
).properties(
    width=340,
    height=240,
    description="Line chart: Gini coefficient of exposure over the steps of the simulation, one line per ranking policy.",
)
