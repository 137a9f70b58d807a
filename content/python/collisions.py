"""How likely it is that two of n keys share one of m hash table slots.

Run it (python3 collisions.py) to compare the exact chance, the quick
approximation and a simulation.
"""

import math
import random


# ANCHOR: exact
def collision_chance(n, m):
    """The chance that n keys hashed uniformly into m slots share one."""
    none_shared = 1.0
    for i in range(n):
        none_shared *= (m - i) / m
    return 1 - none_shared
# ANCHOR_END: exact


def approximate_chance(n, m):
    return 1 - math.exp(-n * (n - 1) / (2 * m))


# ANCHOR: simulate
def simulated_chance(n, m, trials=20_000, seed=1):
    """The same chance, estimated by hashing n random keys many times."""
    rng = random.Random(seed)
    hits = 0
    for _ in range(trials):
        slots = {rng.randrange(m) for _ in range(n)}
        if len(slots) < n:
            hits += 1
    return hits / trials
# ANCHOR_END: simulate


if __name__ == "__main__":
    for n in (10, 23, 50):
        exact = collision_chance(n, 365)
        print(
            f"{n:>2} keys: exact {exact:.3f}, "
            f"approximate {approximate_chance(n, 365):.3f}, "
            f"simulated {simulated_chance(n, 365):.3f}"
        )
    assert abs(collision_chance(23, 365) - 0.507) < 0.001
