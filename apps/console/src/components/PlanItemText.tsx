import { Box, Card, CardContent, CardHeader, List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useGetMany, useGetOne, useLocaleState, useTranslate } from 'react-admin';
import { formatDay } from './format';

interface Milestone {
  date: string;
  text: string;
}

/** A plan item: its full text, milestones, targets and the glossary terms it uses. */
export const PlanItemText = ({ planItemId }: { planItemId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: item } = useGetOne('plan-items', { id: planItemId });
  const termIds = (item?.glossaryTermIds as string[] | undefined) ?? [];
  const { data: terms } = useGetMany('glossary-terms', { ids: termIds }, { enabled: termIds.length > 0 });
  if (!item) return null;
  const milestones = (item.milestones as Milestone[]) ?? [];
  const targets = (item.targets as { text: string }[]) ?? [];
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardHeader title={`${item.number} ${item.title}`} subheader={translate('duban.assignment.item_text')} />
      <CardContent sx={{ pt: 0 }}>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="item-body">
          {String(item.body || item.title)}
        </Typography>
        {milestones.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">{translate('duban.assignment.milestones')}</Typography>
            <MuiList dense>
              {milestones.map((m) => (
                <ListItem key={`${m.date}${m.text}`} disableGutters>
                  <ListItemText primary={m.text} secondary={formatDay(m.date, locale)} />
                </ListItem>
              ))}
            </MuiList>
          </Box>
        )}
        {targets.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">{translate('duban.assignment.targets')}</Typography>
            <MuiList dense>
              {targets.map((t) => (
                <ListItem key={t.text} disableGutters>
                  <ListItemText primary={t.text} />
                </ListItem>
              ))}
            </MuiList>
          </Box>
        )}
        {terms && terms.length > 0 && (
          <Box sx={{ mt: 2 }} data-testid="glossary">
            <Typography variant="subtitle2">{translate('duban.assignment.glossary')}</Typography>
            {terms.map((t) => (
              <Typography key={t.id} variant="body2" sx={{ mt: 0.5 }}>
                <b>{String(t.term)}</b>：{String(t.explanation)}
              </Typography>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
