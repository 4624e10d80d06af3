//! Cleaning tests are in tests/ (example files) and rules_tests below.
