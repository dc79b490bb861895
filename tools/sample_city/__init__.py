"""The sample city's generator, in pieces; tools/make_sample_city.py is its entry point."""
