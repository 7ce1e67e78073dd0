"""The form as data: the model, the loader, kinds of field, relevance, rules, places, answers."""
