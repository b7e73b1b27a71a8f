"""The surface attribution rules: labels, dialogue turns, quotations, a name registry and reported-speech cues."""
