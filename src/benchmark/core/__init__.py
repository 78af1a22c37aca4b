"""The vocabulary every layer shares: errors, the dataset model, methods, periods, values, text.

Imports nothing from the rest of the package: only the standard library, numpy and pandas.
"""
