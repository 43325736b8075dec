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
# # Privacy: a lower capture rate slows the loop
#
# **How much do privacy rules that limit data collection slow a data flywheel?** This
# notebook runs the same product twice, once keeping all the data its users generate and once
# losing about one consumer in eight, as measured after the GDPR, and compares the two.
#
# The term pages show this model's chart in
# [Data flywheel: privacy rules](../terms/data-flywheel.md#privacy),
# [Data minimisation: the effect on a data flywheel](../terms/data-minimisation.md#effect-on-flywheel)
# and [GDPR: measured effects on data collection](../terms/gdpr.md#measured-effects);
# [Privacy](../simulations/privacy.md) explains the model.
#
# In the code: `flywheel_sims.privacy` runs the flywheel with a capture rate `kappa < 1`:
# only a share of the data from use can be collected. The default, 0.875, is the 12.5% drop
# in observed consumers that Aridor, Che & Salz (2023) measured after GDPR.

# %%
import altair as alt
import pandas as pd

from flywheel_sims import privacy

# Static SVG charts (rendered by vl-convert), one per site palette, with each chart's
# `description` as alt text: they need no JavaScript and no network.
from glossary_site import notebook_charts as notebook

notebook.enable()

# %% [markdown]
# ## Restricted and unrestricted runs side by side

# %%
frame = privacy.simulate(privacy.Params(), seed=0)
frame.head()

# %% [markdown]
# ## Model error over time
#
# The restricted loop's error stays a few per cent above the unrestricted one.

# %%
long = pd.concat(
    [
        frame[["t", "error"]].assign(run=f"kappa = {privacy.GDPR_KAPPA}"),
        frame[["t", "error_unrestricted"]]
        .rename(columns={"error_unrestricted": "error"})
        .assign(run="kappa = 1 (unrestricted)"),
    ]
)
alt.Chart(long).mark_line().encode(
    x=alt.X("t:Q", title="years"),
    y=alt.Y("error:Q", title="model error"),
    color=alt.Color("run:N", title=None, legend=alt.Legend(orient="bottom")),
).properties(
    width=340,
    height=240,
    description="Line chart: model error over the years for the run with reduced data capture and for the run with all data captured.",
)

# %% [markdown]
# ## Time to reach a quality target
#
# The gap shows more plainly in time: how many years the loop needs to reach a quality of
# 0.85, for capture rates from one half to everything.

# %%
kappas = [0.5, 0.625, 0.75, 0.875, 1.0]
times = pd.DataFrame(
    {
        "kappa": kappas,
        "years": [privacy.time_to_target(privacy.Params(kappa=k), 0.85) for k in kappas],
    }
)
alt.Chart(times).mark_line(point=True).encode(
    x=alt.X("kappa:Q", title="capture rate kappa", scale=alt.Scale(domain=[0.45, 1.0])),
    y=alt.Y("years:Q", title="years to quality 0.85", scale=alt.Scale(zero=False)),
    tooltip=["kappa:Q", alt.Tooltip("years:Q", format=".1f")],
).properties(
    width=340,
    height=240,
    description="Line chart with points: years to reach quality 0.85 against the capture rate kappa; lower capture rates take longer.",
)
