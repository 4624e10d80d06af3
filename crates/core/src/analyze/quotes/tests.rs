//! Quote rule tests.
