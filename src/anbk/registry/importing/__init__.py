"""Dapodik/EMIS import of regions, schools, students and teachers (see docs/import-formats.md).

Every kind validates the whole file first and writes it in one transaction (pipeline.py);
the portal runs imports as background jobs (jobs.py), the command line directly (cli.py).
"""
