import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block and then what it queued for after commit (emails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
