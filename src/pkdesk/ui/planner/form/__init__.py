"""The plan as a form: fields, parties and strategies tables, their editors."""
