"""The Textual App and what only it uses: dialogs, saving, palette, help, the terminal driver."""
