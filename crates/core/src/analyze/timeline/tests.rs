//! Temporal rule tests.
