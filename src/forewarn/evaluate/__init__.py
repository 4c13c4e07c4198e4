"""Measuring forewarn against annotated data: metrics and data-set readers."""
