"""Reference solutions of the chapters' exercises, and their hints: one module per chapter.

Try the exercise first. These functions are what the teacher's edition (``make teacher``)
puts into the exercise cells and what the "Full solution" in each hint cell shows; the tests
check that each one passes its chapter's check. ``HINTS[name]`` lists the hints for the
exercise ``name``, from a nudge to nearly the answer.
"""
