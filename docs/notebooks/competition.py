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
# # The moat: an incumbent's head start
#
# **Can a newcomer with no data catch up with a firm that has been collecting data for
# years?** This notebook runs two markets: in one, customers care a great deal about quality
# and the firm with the head start keeps almost all of them; in the other, its lead fades.
#
# The term pages show this model's chart in
# [Data flywheel: strategic implications](../terms/data-flywheel.md#strategic-implications),
# [Competitive moat: is data a moat?](../terms/competitive-moat.md#data-as-a-moat),
# [First-mover advantage: when being first is not enough](../terms/first-mover-advantage.md#limits)
# and [Market tipping: why markets tip](../terms/market-tipping.md#why-markets-tip);
# [The moat](../simulations/competition.md) explains the model.
#
# In the code: `flywheel_sims.competition` pits an incumbent that ran alone for `head_start`
# periods against an entrant starting from zero data. Users split by a logit on quality with
# sensitivity `beta`: a high `beta` tips the market, a low one lets the entrant catch up.

# %%
import altair as alt
import pandas as pd

from flywheel_sims import competition

# Static SVG charts (rendered by vl-convert), one per site palette, with each chart's
# `description` as alt text: they need no JavaScript and no network.
from glossary_site import notebook_charts as notebook

notebook.enable()

# %% [markdown]
# ## Two regimes from one model

# %%
regimes = {"catching up (beta = 8)": 8.0, "tipping (beta = 20)": 20.0}
runs = pd.concat(
    [
        competition.simulate(competition.Params(beta=beta), seed=0).assign(regime=name)
        for name, beta in regimes.items()
    ]
)
runs.head()

# %% [markdown]
# ## The incumbent's share of the market

# %%
alt.Chart(runs).mark_line().encode(
    x=alt.X("t:Q", title="periods after the entrant arrives"),
    y=alt.Y("share_incumbent:Q", title="incumbent's share", scale=alt.Scale(domain=[0, 1])),
    color=alt.Color("regime:N", title=None, legend=alt.Legend(orient="bottom")),
).properties(
    width=340,
    height=240,
    description="Line chart: the incumbent's share of the market in the periods after an entrant arrives, one line per regime.",
)
