"""Writes the hostile model files of this corpus (run from this folder: python3 make_corpus.py).

Each file is built to be huge or odd in one way; every one must give a report or one clean
error, in bounded memory and time (tests/properties.rs and scripts/hostile-inputs.sh).
"""
import json

def write(name, text):
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text)

leaves = lambda n: [{"name": f"c{k}"} for k in range(n)]

# 20,000 children compared by an empty list of pairs: once 4.8 GB allocated up front.
write("wide-empty-pairs.json", json.dumps({"hierarchy": {
    "name": "G", "comparisons": {"pairs": []}, "children": leaves(20_000)}}))

# A full matrix of 25,000 empty rows over two children: once 25,000² floats up front.
write("empty-rows.json", json.dumps({"hierarchy": {
    "name": "G", "comparisons": {"matrix": [[] for _ in range(25_000)]}, "children": leaves(2)}}))

# A custom random index of 5e-324 at order 3: CR = CI / RI would be infinite.
write("subnormal-ri.json", json.dumps({
    "options": {"random_index": {"custom": [0, 0, 5e-324]}},
    "hierarchy": {"name": "G", "comparisons": {"upper": [2, 5, 3]}, "children": leaves(3)}}))

# Names of 65,534 characters: the text report once asked format! for that padding.
long = "n" * 65_534
write("long-names.json", json.dumps({
    "grades": [{"name": "good", "score": 1}, {"name": "bad", "score": 0}],
    "hierarchy": {"name": long, "weights": [0.5, 0.5],
                  "children": [{"name": long + "a"}, {"name": "b"}]},
    "objects": [{"name": long, "leaves": {long + "a": {"degrees": [1, 0]},
                                          "b": {"degrees": [0, 1]}}}]}))

# The same leaf twice in one object's JSON map: once the last one won silently.
write("duplicate-leaf.json", """{
  "grades": [{"name": "good"}, {"name": "bad"}],
  "hierarchy": {"name": "G", "weights": [0.5, 0.5], "children": [{"name": "a"}, {"name": "b"}]},
  "objects": [{"name": "o", "leaves": {"a": {"degrees": [1, 0]}, "b": {"degrees": [0, 1]},
                                      "a": {"degrees": [0, 1]}}}]
}
""")

# A byte-order mark before valid JSON and TOML: both load.
write("bom.json", "\ufeff" + json.dumps({"hierarchy": {
    "name": "G", "weights": [0.5, 0.5], "children": leaves(2)}}))
write("bom.toml", "\ufeff" + '[hierarchy]\nname = "G"\nweights = [0.5, 0.5]\n'
      'children = [{ name = "c0" }, { name = "c1" }]\n')

# Nesting past the parsers' recursion limits: an error with a real line and column.
depth = 300
write("deep.json", '{"hierarchy": ' + '{"name": "a", "weights": [1], "children": [' * depth
      + '{"name": "leaf"}' + ']}' * depth + '}')
write("deep.toml", "hierarchy = " + '{ name = "a", weights = [1.0], children = [' * depth
      + '{ name = "leaf" }' + "]}" * depth + "\n")

# A panel of 5,000 experts over 2,000 children, with no pair between them: rejected by the
# panel-size limit before one expert's matrix is read.
write("crowded-panel.json", json.dumps({"hierarchy": {
    "name": "G",
    "panel": {"experts": [{"name": f"e{k}", "comparisons": {"pairs": []}} for k in range(5_000)]},
    "children": leaves(2_000)}}))
