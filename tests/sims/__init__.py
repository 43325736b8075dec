"""Property tests of the flywheel simulations (a package so module names stay unique)."""
