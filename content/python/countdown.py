"""The countdown of the generators guide, written as a class and as a
generator function.

Run it (python3 countdown.py): it checks that both count down alike.
"""


# ANCHOR: class
class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        value = self.current
        self.current -= 1
        return value
# ANCHOR_END: class


# ANCHOR: generator
def countdown(start):
    while start > 0:
        yield start
        start -= 1

for n in countdown(3):
    print(n)  # 3, then 2, then 1
# ANCHOR_END: generator


assert list(Countdown(3)) == list(countdown(3)) == [3, 2, 1]
