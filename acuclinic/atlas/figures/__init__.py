"""Body figures: views, landmarks, the B-cun table and the placement resolver (pure, no Django)."""
