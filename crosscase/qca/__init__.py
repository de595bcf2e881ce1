"""Configurational comparison (QCA): calibration, truth tables, exact minimisation, fit."""
