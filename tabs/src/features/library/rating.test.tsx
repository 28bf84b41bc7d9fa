/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { RatingInput, RatingStars } from './rating';

function Rated({ initial, onRate }: { initial?: number; onRate: (stars: number) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <RatingInput
      value={value}
      onChange={(stars) => {
        setValue(stars);
        onRate(stars);
      }}
    />
  );
}

describe('the rating control', () => {
  it('is a labelled group of five radio buttons, one per star count', () => {
    render(<Rated onRate={() => undefined} />);
    const group = within(screen.getByRole('group', { name: 'Your rating' }));
    const radios = group.getAllByRole('radio');
    expect(radios).toHaveLength(5);
    ['1 star', '2 stars', '3 stars', '4 stars', '5 stars'].forEach((name, index) =>
      expect(group.getByRole('radio', { name })).toBe(radios[index]),
    );
    expect(radios.every((r) => !(r as HTMLInputElement).checked)).toBe(true);
    expect(new Set(radios.map((r) => (r as HTMLInputElement).name)).size).toBe(1);
  });

  it('shows my rating checked and lets me change it', () => {
    const rated: number[] = [];
    render(<Rated initial={2} onRate={(stars) => rated.push(stars)} />);
    expect(screen.getByRole('radio', { name: '2 stars' })).toHaveProperty('checked', true);

    fireEvent.click(screen.getByRole('radio', { name: '4 stars' }));
    expect(rated).toEqual([4]);
    expect(screen.getByRole('radio', { name: '4 stars' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: '2 stars' })).toHaveProperty('checked', false);
  });

  it('cannot be used while disabled', () => {
    render(<RatingInput value={3} disabled onChange={() => undefined} />);
    expect(screen.getByRole('radio', { name: '5 stars' })).toHaveProperty('disabled', true);
  });

  it('says the average and the count in words', () => {
    const { container, rerender } = render(<RatingStars rating={{ average: 4.25, count: 3 }} />);
    expect(container.textContent).toContain('Rated 4.3 out of 5 from 3 ratings');
    rerender(<RatingStars rating={{ average: 0, count: 0 }} />);
    expect(container.textContent).toContain('Not rated yet');
  });
});
