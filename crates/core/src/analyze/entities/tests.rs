//! Entity rule tests.
