"""Checks for the chapters' exercises, as the course's labs have them.

One module per chapter, ``nnlib.exercises.chNN_topic``, with functions ``check_<name>(answer)``
that print "All tests passed!" or say precisely what is wrong (expected, received, hint).
"""
