"""Rules on referrals."""
