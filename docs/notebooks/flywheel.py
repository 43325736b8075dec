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
# # The loop: with and without feedback
#
# **Does a product that learns from its users grow faster than the same product that does
# not?** This notebook runs the loop twice: once with quality rising as users bring data, and
# once with quality frozen at its starting value, then draws both runs' users over time.
#
# The term pages show this model's chart in
# [Data flywheel: how the loop works](../terms/data-flywheel.md#how-it-works),
# [Bass diffusion model: the model in the flywheel simulation](../terms/bass-diffusion-model.md#in-the-simulation)
# and [Network effects: how the reinforcing loop grows](../terms/network-effects.md#reinforcing-loop);
# [The loop](../simulations/flywheel.md) explains the model.
#
# In the code: the reinforcing loop of `flywheel_sims.flywheel` (users bring data, data lowers
# the error, a better product brings more users). Switching `feedback` off freezes quality,
# which leaves an ordinary Bass adoption curve to compare against.
#
# Run it yourself: `pip install -e .` in the repository, then open this file with Jupyter
# (it is a jupytext "percent" script).

# %%
import altair as alt
import pandas as pd

from flywheel_sims import flywheel

# Static SVG charts (rendered by vl-convert), one per site palette, with each chart's
# `description` as alt text: they need no JavaScript and no network.
from glossary_site import notebook_charts as notebook

notebook.enable()

# %% [markdown]
# ## Run the model
#
# Defaults come from the Bass-model literature (see the model's page); only `feedback`
# differs between the two runs.

# %%
with_loop = flywheel.simulate(flywheel.Params(feedback=True), seed=0)
baseline = flywheel.simulate(flywheel.Params(feedback=False), seed=0)
with_loop.head()

# %% [markdown]
# ## Users over time

# %%
runs = pd.concat(
    [
        with_loop.assign(run="with feedback"),
        baseline.assign(run="without feedback (quality frozen)"),
    ]
)
alt.Chart(runs).mark_line().encode(
    x=alt.X("t:Q", title="years"),
    y=alt.Y("users:Q", title="users (share of market)"),
    color=alt.Color("run:N", title=None, legend=alt.Legend(orient="bottom")),
).properties(
    width=340,
    height=240,
    description="Line chart: share of the market using the product over 25 years, with feedback and without it (quality frozen); the run with feedback rises sooner.",
)
