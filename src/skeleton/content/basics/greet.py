"""An example kept in a file of its own: run it with python3 greet.py."""


# ANCHOR: greet
def greet(name: str) -> str:
    return f"Hello, {name}!"
# ANCHOR_END: greet


if __name__ == "__main__":
    print(greet("reader"))
