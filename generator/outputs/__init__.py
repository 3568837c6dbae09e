"""Products of the build beyond the learner pages, one folder per output."""
